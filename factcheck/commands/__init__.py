"""Sub-commands of the ``factcheck`` CLI that live in the library, one module each.

Each module defines a click command or group and imports heavy parts of the library
inside the command body, so that ``factcheck --help`` stays fast.
"""
