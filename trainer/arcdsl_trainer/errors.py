class UserError(Exception):
    """A mistake in the user's input (a path, a flag, a file). Printed as one line, exit code 2."""
