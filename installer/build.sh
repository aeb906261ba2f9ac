#!/usr/bin/env bash
# Packages Crosslens with jpackage (JDK 17+): a self-contained app image (bundled Java runtime) and a .deb.
#   installer/build.sh            # app image + .deb into installer/target/
#   installer/build.sh app-image  # only the app image
# The .deb needs fakeroot and dpkg-deb (apt-get install fakeroot dpkg-dev). The sample binaries travel inside
# the app jar, so Help > Open samples works from the image and the installed package alike.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
version=0.1.0
what="${1:-all}"
out="$here/target"

command -v jpackage >/dev/null || { echo "jpackage not found: it ships with JDK 17+ (openjdk-17-jdk)" >&2; exit 1; }
(cd "$root" && mvn -q -B -o -DskipTests package -pl app -am || mvn -q -B -DskipTests package -pl app -am)

rm -rf "$out"
mkdir -p "$out/input"
cp "$root/app/target/crosslens-app-$version-SNAPSHOT.jar" "$out/input/"
cp "$root"/app/target/lib/*.jar "$out/input/"
# the engine's data files (resources/data), read relative to the install when present
if [ -d "$root/resources/data" ]; then cp -r "$root/resources/data" "$out/input/data"; fi

common=(--name crosslens --app-version "$version" --vendor "Crosslens"
        --description "Workbench for cross-compiled binaries: ELF, PE/COFF, Mach-O, Go build info"
        --input "$out/input" --main-jar "crosslens-app-$version-SNAPSHOT.jar" --main-class dev.crosslens.app.Main
        --java-options "-Xmx2g" --icon "$here/crosslens.png"
        --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands")

echo "installer: app image..." >&2
jpackage --type app-image --dest "$out" "${common[@]}"
echo "installer: $out/crosslens (run $out/crosslens/bin/crosslens [FILE...])" >&2

if [ "$what" = all ]; then
  if ! command -v fakeroot >/dev/null || ! command -v dpkg-deb >/dev/null; then
    echo "installer: no fakeroot/dpkg-deb, skipping the .deb (apt-get install fakeroot dpkg-dev)" >&2
    exit 0
  fi
  echo "installer: .deb..." >&2
  jpackage --type deb --dest "$out" "${common[@]}" \
    --linux-package-name crosslens --linux-deb-maintainer "crosslens@example.invalid" \
    --linux-menu-group "Development" --linux-app-category devel --linux-shortcut \
    --linux-package-deps "libgtk-3-0" --about-url "https://example.invalid/crosslens"
  ls -la "$out"/*.deb >&2
fi
