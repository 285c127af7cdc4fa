"""The test files `-m "not slow"` leaves out, each with what makes it slow."""

SLOW_FILES = {
    "tests/app/test_inspector.py": "a stand-in factory on loopback",
    "tests/app/test_inspector_bounds.py": "a stand-in factory on loopback",
    "tests/app/test_shared_session_app.py": "a redis-server",
    "tests/app/test_startup_imports.py": "starts Scribe in a subprocess",
    "tests/cli/test_inspect_command.py": "a stand-in factory and subprocesses",
    "tests/cli/test_serve_socket.py": "starts scribe serve on a real socket",
    "tests/core/factory/test_follow.py": "a stand-in factory on loopback",
    "tests/core/factory/test_follow_bounds.py": "a stand-in factory that drips",
    "tests/core/factory/test_follow_safety.py": "a stand-in factory on loopback",
    "tests/core/shell/test_shell_hooks.py": "runs real shells in a pseudo-terminal",
    "tests/sync/test_hub_replicas.py": "a redis-server",
    "tests/web/test_page_in_chromium.py": "scribe serve and a headless Chromium",
    "tests/test_benchmarks.py": "a pseudo-terminal",
    "tests/test_layers.py": "imports the core in a subprocess",
}
