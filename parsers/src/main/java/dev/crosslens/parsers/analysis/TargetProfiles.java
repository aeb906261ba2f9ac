package dev.crosslens.parsers.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.parsers.report.JsonSupport;
import dev.crosslens.model.Arch;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.TargetOs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target profiles shipped in {@code dev/crosslens/data/targets/} ({@code resources/data/targets/} in the
 * source tree): {@code index.json} names the files, each file holds a list of profiles.
 */
public final class TargetProfiles {
    static final String BASE = "/dev/crosslens/data/targets/";

    private final Map<String, TargetProfile> byId;

    private TargetProfiles(Map<String, TargetProfile> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Reads every bundled profile. Fails loudly on a malformed file: they ship with the program. */
    public static TargetProfiles bundled() {
        Map<String, TargetProfile> out = new LinkedHashMap<>();
        JsonNode index = read(BASE + "index.json");
        for (JsonNode f : index.path("files")) {
            JsonNode file = read(BASE + f.asText());
            List<TargetProfile.ApiFloor> floors = apiFloors(file.path("apiFloors"), f.asText());
            for (JsonNode p : file.path("profiles")) {
                TargetProfile profile = parse(p, f.asText(), floors);
                if (out.put(profile.id(), profile) != null) {
                    throw new IllegalStateException("target profile " + profile.id() + " defined twice");
                }
            }
        }
        return new TargetProfiles(out);
    }

    public List<TargetProfile> all() {
        return List.copyOf(byId.values());
    }

    public Optional<TargetProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    private static JsonNode read(String resource) {
        try (InputStream in = TargetProfiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return JsonSupport.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The file's {@code apiFloors}: shared by every profile in it. */
    static List<TargetProfile.ApiFloor> apiFloors(JsonNode list, String file) {
        List<TargetProfile.ApiFloor> out = new ArrayList<>();
        for (JsonNode f : list) {
            List<String> libs = new ArrayList<>();
            f.path("libraries").forEach(n -> libs.add(n.asText()));
            if (libs.isEmpty()) throw new IllegalStateException(file + ": an apiFloors entry without libraries");
            String min = required(f, "minVersion", file);
            if (Versions.parts(min).length == 0) throw new IllegalStateException(file + ": bad minVersion " + min);
            if (!f.hasNonNull("source")) throw new IllegalStateException(file + ": apiFloors entry without a source");
            out.add(new TargetProfile.ApiFloor(libs, text(f, "function"), min, text(f, "label"), text(f, "source")));
        }
        return out;
    }

    static TargetProfile parse(JsonNode p, String file) {
        return parse(p, file, List.of());
    }

    static TargetProfile parse(JsonNode p, String file, List<TargetProfile.ApiFloor> floors) {
        String id = required(p, "id", file);
        TargetOs os = TargetOs.fromGoos(required(p, "os", id));
        if (os == TargetOs.UNKNOWN) throw new IllegalStateException(id + ": unknown os " + p.path("os").asText());
        Arch arch = arch(required(p, "arch", id), id);
        List<TargetProfile.ArchCompat> also = new ArrayList<>();
        for (JsonNode a : p.path("alsoRuns")) {
            String level = text(a, "goamd64");
            if (level != null && !GoLevels.goamd64(level).valid()) {
                throw new IllegalStateException(id + ": alsoRuns goamd64 " + level + " is not v1..v4");
            }
            also.add(new TargetProfile.ArchCompat(arch(required(a, "arch", id), id),
                    a.path("staticOnly").asBoolean(false), a.path("how").asText(""), level, text(a, "source"),
                    text(a, "condition")));
        }
        LibcFlavor libc = LibcFlavor.UNKNOWN;
        if (p.hasNonNull("libc")) {
            String l = p.get("libc").asText();
            switch (l) {
                case "glibc": libc = LibcFlavor.GLIBC; break;
                case "musl": libc = LibcFlavor.MUSL; break;
                case "none": libc = LibcFlavor.NONE; break;
                case "system": libc = LibcFlavor.UNKNOWN; break;
                default: throw new IllegalStateException(id + ": unknown libc " + l);
            }
        }
        List<String> loaders = new ArrayList<>();
        p.path("loaders").forEach(n -> loaders.add(n.asText()));
        List<String> base = new ArrayList<>();
        p.path("baseLibraries").forEach(n -> base.add(n.asText()));
        List<String> sources = new ArrayList<>();
        p.path("sources").forEach(n -> sources.add(n.asText()));
        String goamd64 = text(p, "goamd64");
        if (goamd64 != null && !GoLevels.goamd64(goamd64).valid()) {
            throw new IllegalStateException(id + ": goamd64 " + goamd64 + " is not v1..v4");
        }
        return new TargetProfile(id, p.path("name").asText(id), os, text(p, "osVersion"), arch, also, libc,
                text(p, "libcVersion"), text(p, "glibcxx"), text(p, "cxxabi"),
                p.hasNonNull("armVersion") ? p.get("armVersion").asInt() : null, goamd64,
                p.path("requiresSignedArm64").asBoolean(false), loaders, base, floors, p.path("notes").asText(""),
                sources);
    }

    private static Arch arch(String goarch, String id) {
        Arch a = Arch.fromGoarch(goarch);
        if (a == Arch.UNKNOWN) throw new IllegalStateException(id + ": unknown arch " + goarch);
        return a;
    }

    private static String required(JsonNode n, String field, String where) {
        if (!n.hasNonNull(field)) throw new IllegalStateException(where + ": missing " + field);
        return n.get(field).asText();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
