package dev.crosslens.parsers.analysis;

import dev.crosslens.parsers.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies of fixtures with a few bytes changed, for the states no toolchain writes on purpose: build info a person
 * edited, a header that disagrees with it, a missing segment or signature. Each says what it changed; each checks
 * that the bytes it changes are there, so a rebuilt fixture that moved them fails loudly instead of testing nothing.
 */
final class CraftedFiles {
    private CraftedFiles() {
    }

    /** The names {@link #make} knows. */
    static final String GOARM_INVALID = "goarm-invalid";
    static final String MACHINE_ARM64 = "machine-arm64";
    static final String NO_GNU_STACK = "no-gnu-stack";
    static final String UNSIGNED_ARM64 = "unsigned-arm64";

    static Path make(String name, Path dir) {
        try {
            Path out = dir.resolve(name);
            if (Files.exists(out)) return out;
            byte[] data;
            switch (name) {
                case GOARM_INVALID -> data = goarmInvalid();
                case MACHINE_ARM64 -> data = machineArm64();
                case NO_GNU_STACK -> data = noGnuStack();
                case UNSIGNED_ARM64 -> data = unsignedArm64();
                default -> throw new IllegalArgumentException("no crafted file " + name);
            }
            Files.write(out, data);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * goarm7-linux-arm whose build info says GOARM=999999999999999999 (same length: the GOOS line goes). The
     * settings text is in the file twice: in .go.buildinfo and in the runtime's copy of it (runtime.modinfo).
     */
    static byte[] goarmInvalid() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.file("findings-go", "goarm7-linux-arm"));
        byte[] from = "build\tGOOS=linux\nbuild\tGOARM=7\n".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "build\tGOARM=999999999999999999\n".getBytes(StandardCharsets.US_ASCII);
        if (replaceAll(data, from, to) != 2) throw new IllegalStateException("goarm7-linux-arm: settings not found twice");
        return data;
    }

    /** clean-linux-amd64 with e_machine set to EM_AARCH64 (183): the build info still says GOARCH=amd64. */
    static byte[] machineArm64() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.file("findings-go", "clean-linux-amd64"));
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getShort(18) != 62) throw new IllegalStateException("clean-linux-amd64 is not EM_X86_64");
        b.putShort(18, (short) 183);
        return data;
    }

    /** findings-c/clean with its PT_GNU_STACK program header turned into PT_NULL. */
    static byte[] noGnuStack() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.file("findings-c", "clean"));
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int patched = 0;
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (b.getInt(at) == 0x6474e551) { // PT_GNU_STACK
                b.putInt(at, 0);
                patched++;
            }
        }
        if (patched != 1) throw new IllegalStateException("findings-c/clean has " + patched + " PT_GNU_STACK");
        return data;
    }

    /** go-cross/darwin-arm64 with LC_CODE_SIGNATURE (0x1d) turned into a command no loader knows (0x7fff). */
    static byte[] unsignedArm64() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.file("go-cross", "darwin-arm64"));
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int ncmds = b.getInt(16);
        int at = 32;
        int patched = 0;
        for (int i = 0; i < ncmds; i++) {
            if (b.getInt(at) == 0x1d) {
                b.putInt(at, 0x7fff);
                patched++;
            }
            at += b.getInt(at + 4);
        }
        if (patched != 1) throw new IllegalStateException("darwin-arm64 has " + patched + " LC_CODE_SIGNATURE");
        return data;
    }

    private static int replaceAll(byte[] data, byte[] from, byte[] to) {
        int n = 0;
        outer:
        for (int i = 0; i + from.length <= data.length; i++) {
            for (int j = 0; j < from.length; j++) {
                if (data[i + j] != from[j]) continue outer;
            }
            System.arraycopy(to, 0, data, i, to.length);
            n++;
        }
        return n;
    }
}
