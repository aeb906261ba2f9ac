package dev.crosslens.parsers.resolve;

import dev.crosslens.model.PeImage;
import dev.crosslens.model.pe.PeSectionHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The API set schema (version 6, Windows 10 and Wine): maps a contract name such as
 * {@code api-ms-win-core-synch-l1-2-0.dll} to the DLL that hosts it ({@code kernelbase.dll}). Read from the
 * {@code .apiset} section of {@code apisetschema.dll}, which Wine ships among its DLLs. A name is looked up
 * without its {@code .dll} and its last {@code -N} part, case-insensitively, as the loader does.
 */
final class ApiSetSchema {
    private static final int MAX_ENTRIES = 10_000;
    private final Map<String, String> hosts = new HashMap<>();

    static boolean isApiSetName(String dll) {
        String n = dll.toLowerCase(Locale.ROOT);
        return n.startsWith("api-") || n.startsWith("ext-");
    }

    /** Reads the schema of {@code apisetschema.dll}; an empty schema when the file has none. */
    static ApiSetSchema read(Path dll, PeImage image) throws IOException {
        ApiSetSchema s = new ApiSetSchema();
        for (PeSectionHeader h : image.pe().sections()) {
            if (!h.name().equals(".apiset")) continue;
            long size = Math.min(h.sizeOfRawData(), Math.max(h.virtualSize(), 0));
            if (size <= 0 || size > (16 << 20)) return s;
            ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel ch = FileChannel.open(dll, StandardOpenOption.READ)) {
                while (b.hasRemaining() && ch.read(b, h.pointerToRawData() + b.position()) > 0) {
                    LibraryCache.checkCancelled();
                }
            }
            b.flip();
            s.parse(b);
        }
        return s;
    }

    private void parse(ByteBuffer b) {
        if (b.limit() < 28 || b.getInt(0) != 6) return; // only version 6 is known here
        long count = Integer.toUnsignedLong(b.getInt(12));
        long entryOffset = Integer.toUnsignedLong(b.getInt(16));
        for (long i = 0; i < Math.min(count, MAX_ENTRIES); i++) {
            long e = entryOffset + 24 * i;
            if (e + 24 > b.limit()) return;
            String name = utf16(b, b.getInt((int) e + 4), b.getInt((int) e + 8));
            long hashed = Integer.toUnsignedLong(b.getInt((int) e + 12));
            long valueOffset = Integer.toUnsignedLong(b.getInt((int) e + 16));
            long valueCount = Integer.toUnsignedLong(b.getInt((int) e + 20));
            if (name == null || valueCount == 0 || valueOffset + 20 > b.limit()) continue;
            // the default host is the value whose importing-module name is empty; it comes first
            String host = utf16(b, b.getInt((int) valueOffset + 12), b.getInt((int) valueOffset + 16));
            if (host == null || host.isEmpty()) continue;
            String key = name.substring(0, (int) Math.min(name.length(), hashed / 2));
            hosts.put(key.toLowerCase(Locale.ROOT), host);
        }
    }

    private static String utf16(ByteBuffer b, int offset, int length) {
        long off = Integer.toUnsignedLong(offset);
        long len = Integer.toUnsignedLong(length);
        if (len % 2 != 0 || off + len > b.limit() || len > 4096) return null;
        byte[] bytes = new byte[(int) len];
        b.get((int) off, bytes);
        return new String(bytes, StandardCharsets.UTF_16LE);
    }

    /** The host DLL of an API set name, or null when the schema does not know it. */
    String host(String apiSetDll) {
        String n = apiSetDll.toLowerCase(Locale.ROOT);
        if (n.endsWith(".dll")) n = n.substring(0, n.length() - 4);
        int dash = n.lastIndexOf('-');
        if (dash > 0) n = n.substring(0, dash);
        return hosts.get(n);
    }

    int size() {
        return hosts.size();
    }
}
