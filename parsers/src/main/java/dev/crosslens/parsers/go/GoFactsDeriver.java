package dev.crosslens.parsers.go;

import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decides the Go facts from the function names of the pclntab, the image's own symbols and the build info,
 * writing down the evidence for each. Linked code wins over recorded settings: {@code CGO_ENABLED=1} alone does
 * not make a binary cgo when its function table shows no {@code runtime/cgo}.
 */
final class GoFactsDeriver {

    GoFacts derive(Collection<String> functions, Map<String, Integer> perPackage, List<Symbol> symbols,
                   GoBuildInfo buildInfo, BinaryKind kind) {
        List<String> evidence = new ArrayList<>();
        boolean haveTable = !functions.isEmpty();

        // cgo
        boolean cgo = false;
        int cgoFuncs = perPackage.getOrDefault("runtime/cgo", 0);
        if (cgoFuncs > 0) {
            cgo = true;
            evidence.add("cgo: " + cgoFuncs + " runtime/cgo functions in the pclntab");
        }
        // one pass over the function table (tens of thousands of names) for every cgo question
        String cgoFunction = null;
        String cgoNet = null;
        String cgoUser = null;
        boolean loadLocation = false;
        for (String n : functions) {
            if (!loadLocation && n.equals("time.LoadLocation")) loadLocation = true;
            if (cgoFunction == null && (isCgoName(n) || isCgoCall(n))) {
                cgoFunction = n;
            }
            if (cgoNet == null && isCgoFunctionOf(n, "net.")) cgoNet = n;
            if (cgoUser == null && isCgoFunctionOf(n, "os/user.")) cgoUser = n;
        }
        if (cgoFunction != null) {
            cgo = true;
            evidence.add("cgo: function " + cgoFunction + " in the pclntab");
        }
        String cgoSymbol = null;
        for (Symbol s : symbols) {
            // Every Go runtime declares _cgo_init, _cgo_mmap, ... as data (nil without cgo): only code counts.
            if (s.defined() && s.type() == SymbolType.FUNC && isCgoName(s.name())) {
                cgoSymbol = s.name();
                break;
            }
        }
        if (cgoSymbol != null) {
            cgo = true;
            evidence.add("cgo: symbol " + cgoSymbol + " in the " + symbolTableLabel(symbols, cgoSymbol));
        }
        String cgoSetting = buildInfo == null ? null : buildInfo.setting("CGO_ENABLED");
        if ("1".equals(cgoSetting)) {
            if (!cgo && !haveTable) {
                cgo = true;
                evidence.add("cgo: CGO_ENABLED=1 in build info (no function table to confirm)");
            } else if (!cgo) {
                evidence.add("cgo: CGO_ENABLED=1 in build info, but runtime/cgo is not linked");
            } else {
                evidence.add("cgo: CGO_ENABLED=1 in build info");
            }
        } else if (cgoSetting != null && !cgo) {
            evidence.add("cgo: CGO_ENABLED=" + cgoSetting + " in build info");
        }

        // time zones
        boolean tzdata = perPackage.getOrDefault("time/tzdata", 0) > 0;
        if (tzdata) evidence.add("tzdata: package time/tzdata linked in");
        if (loadLocation) evidence.add("time zones: time.LoadLocation present");

        // net resolver
        String resolver;
        if (perPackage.getOrDefault("net", 0) == 0) {
            resolver = "none";
            if (haveTable) evidence.add("net resolver: package net not linked");
        } else {
            if (cgoNet != null) {
                resolver = "cgo";
                evidence.add("net resolver: cgo (" + cgoNet + ")");
            } else {
                resolver = "go";
                evidence.add("net resolver: pure Go (net linked without cgo lookups)");
            }
        }

        // os/user
        String osUser;
        if (perPackage.getOrDefault("os/user", 0) == 0) {
            osUser = "none";
        } else {
            if (cgoUser != null) {
                osUser = "cgo";
                evidence.add("os/user: cgo (" + cgoUser + ")");
            } else {
                osUser = "go";
                evidence.add("os/user: pure Go");
            }
        }

        // build mode
        String mode = buildInfo == null ? null : buildInfo.setting("-buildmode");
        if (mode != null) {
            evidence.add("build mode: -buildmode=" + mode + " in build info");
        } else {
            mode = switch (kind) {
                case SHARED_LIBRARY, DLL, DYLIB -> "c-shared";
                case PIE_EXECUTABLE -> "pie";
                case EXECUTABLE -> "exe";
                default -> "";
            };
            if (!mode.isEmpty()) evidence.add("build mode: " + mode + " inferred from the image kind " + kind.label());
        }
        return new GoFacts(cgo, tzdata, loadLocation, resolver, osUser, mode, evidence);
    }

    /** Names only cgo brings in: {@code x_cgo_init}, {@code _cgo_*} (C side and runtime/cgo's Go side), exports. */
    private static boolean isCgoName(String n) {
        return n.equals("x_cgo_init") || n.equals("_x_cgo_init") || n.startsWith("_cgo_") || n.startsWith("__cgo_")
                || n.startsWith("_cgoexp_");
    }

    /** A cgo call wrapper of any package: {@code pkg._Cfunc_*} or {@code pkg._C2func_*}. */
    private static boolean isCgoCall(String n) {
        for (int i = n.indexOf("._C"); i >= 0; i = n.indexOf("._C", i + 3)) {
            if (n.startsWith("func_", i + 3) || n.startsWith("2func_", i + 3)) return true;
        }
        return false;
    }

    private static String symbolTableLabel(List<Symbol> symbols, String name) {
        for (Symbol s : symbols) {
            if (s.name().equals(name)) return s.table().label() + " table";
        }
        return "symbol table";
    }

    /** A cgo-generated function of a package: {@code pkg._Cfunc_*}, {@code pkg._C2func_*}, {@code pkg._cgo_*}. */
    private static boolean isCgoFunctionOf(String f, String prefix) {
        if (!f.startsWith(prefix)) return false;
        int p = prefix.length();
        return f.startsWith("_Cfunc_", p) || f.startsWith("_C2func_", p) || f.startsWith("_cgo_", p);
    }
}
