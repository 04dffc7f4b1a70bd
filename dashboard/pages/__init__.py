"""One module per page: PAGE (registration), layout(**query) and register_callbacks(app).

The app factory registers each page and its callbacks on the app instance, so that
several apps can be built in one process (tests) without sharing callbacks.
"""
