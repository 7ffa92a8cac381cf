"""Classroom tools: session codes for teams, result files and their comparison."""
