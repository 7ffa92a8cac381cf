"""The classroom server: a lesson on the school network, from the teacher's computer.

Students' browsers (phones, Chromebooks) only show pages and post moves;
the games run here, on the engine, and every move, team and vote is kept
in a SQLite database (:mod:`.store`) that outlives restarts and power
cuts. Two ways to play: teams, each on the same seeded game, or the class
voting on one game shown on the projector. The teacher's dashboard
follows every team live and prints the class debrief from the database.

Needs the ``server`` extra (Starlette, uvicorn, segno). ``asean-chair
serve`` starts it (:func:`.run.serve`); :func:`.app.create_app` builds the
ASGI application of a :class:`.lesson.Lesson`.
"""
