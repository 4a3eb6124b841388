# treatylab's part of a JupyterHub configuration for a hub on one server (local process spawner,
# one Unix account per student). Load it from your own jupyterhub_config.py:
#
#     load_subconfig("/path/to/treatylab/classroom/jupyterhub_config.py")  # noqa: F821
#
# and set there what is yours: the authenticator, the allowed users, the address. `make
# test-classroom` starts a hub with exactly this file (plus its own authenticator and ports).
import os
import pwd

c = get_config()  # noqa: F821

# Students land in JupyterLab (nbgitpuller links open lab/tree/... anyway).
c.Spawner.default_url = "/lab"


def course_pythonpath(spawner) -> str:
    """classroom/pythonpath of the student's own clone (made by the first nbgitpuller link).

    The course's notebooks find `treatylab` through the link in their own folder; a notebook
    nbgrader fetches into ~/lessonNN/ has no such link, so its kernel finds the helper package
    here, always the version the student last pulled. The folder holds only that link.
    """
    home = pwd.getpwnam(spawner.user.name).pw_dir
    return os.path.join(home, "treatylab", "classroom", "pythonpath")


c.Spawner.environment.update({"PYTHONPATH": course_pythonpath})
