"""Build hook: compile rca's optional C accelerators into the wheel (or in place, for `pip install -e`).

Every accelerator has a pure-Python reference that does the same thing (tests compare the two),
so a machine without a C compiler still installs rca: the hook warns and the wheel stays pure
Python, only slower. `RCA_NO_EXTENSIONS=1` skips compiling on purpose.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# module name -> C source, relative to the project root
EXTENSIONS = {
    "rca.sources._fastrow": "rca/sources/_fastrow.c",  # normalize_row
    "rca.mining._fastmine": "rca/mining/_fastmine.c",  # the per-record mining statistics
    "rca.mining._fastbatch": "rca/mining/_fastbatch.c",  # the per-batch mining counters
}


def _compile(root: Path, module: str, source: str, build_dir: Path) -> Path:
    from setuptools import Distribution, Extension

    ext = Extension(module, [str(root / source)], extra_compile_args=["-O2"])
    dist = Distribution({"name": "rca-accelerators", "ext_modules": [ext]})
    cmd = dist.get_command_obj("build_ext")
    cmd.build_lib = str(build_dir / "lib")
    cmd.build_temp = str(build_dir / "tmp")
    cmd.ensure_finalized()
    cmd.run()
    return Path(cmd.get_ext_fullpath(module))


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("RCA_NO_EXTENSIONS", "") not in ("", "0"):
            return
        root = Path(self.root)
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        build_dir = Path(tempfile.mkdtemp(prefix="rca-ext-"))
        try:
            for module, source in EXTENSIONS.items():
                rel = module.replace(".", "/") + suffix
                try:
                    built = _compile(root, module, source, build_dir)
                except Exception as exc:  # noqa: BLE001 - no compiler / headers: pure Python
                    print(f"rca: C accelerator {module} not built ({type(exc).__name__}: {exc}); "
                          "rca works the same without it, only slower", file=sys.stderr)
                    continue
                if version == "editable":  # the package is imported from the source tree
                    # a new file renamed into place: a running rca keeps the library it mapped
                    # (copying over it in place would change that process's code under it)
                    tmp = root / (rel + ".tmp")
                    shutil.copyfile(built, tmp)
                    os.replace(tmp, root / rel)
                else:
                    kept = root / "build" / "ext" / rel
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(built, kept)
                    build_data["force_include"][str(kept)] = rel
                    build_data["pure_python"] = False
                    build_data["infer_tag"] = True
        finally:
            shutil.rmtree(build_dir, ignore_errors=True)
