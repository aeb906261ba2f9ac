package dev.crosslens.parsers.go;

import dev.crosslens.model.TargetOs;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Go ELF binaries leave EI_OSABI at 0 on Linux: the Go analysis names the OS from GOOS or Go's conventions. */
class GoOsTest {

    @ParameterizedTest
    @CsvSource({"fixture,linux-arm64,LINUX", "fixture,linux-386,LINUX", "fixture,freebsd-amd64,FREEBSD",
            "fixture,windows-amd64.exe,WINDOWS", "fixture,darwin-arm64,MACOS",
            "corpus,esbuild-0.17.19-linux-riscv64,LINUX", "corpus,esbuild-0.28.2-linux-x64,LINUX"})
    void goBinariesNameTheirOs(String source, String name, TargetOs expected) throws Exception {
        Path p = source.equals("fixture") ? Fixtures.file("go-cross", name) : Corpus.require(name);
        assertThat(Binaries.open(p).image().core().os()).isEqualTo(expected);
    }
}
