package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.List;

/** Rules about Mach-O images: code signatures on Apple Silicon, the minimum macOS. */
final class MachORules {
    private MachORules() {
    }

    static List<FindingRule> rules() {
        return List.of(
                Rule.of("macho.arm64-unsigned", Severity.ERROR, "arm64 Mach-O without a code signature",
                        "macOS on Apple Silicon kills (SIGKILL, 'Killed: 9') any arm64 code without at least an "
                                + "ad-hoc signature. Linkers sign by default; stripping or patching afterwards "
                                + "removes it.",
                        "codesign -s - --force FILE (ad-hoc), after any strip/install_name_tool step",
                        MachORules::arm64Unsigned),
                Rule.of("macho.min-os", Severity.INFO, "Minimum macOS version",
                        "LC_BUILD_VERSION / LC_VERSION_MIN_MACOSX states the oldest macOS the image runs on; "
                                + "dyld refuses to load it on anything older.",
                        "-mmacosx-version-min=<version> (MACOSX_DEPLOYMENT_TARGET=<version>)",
                        MachORules::minOs));
    }

    private static List<Finding> arm64Unsigned(RuleContext ctx, RuleInfo self) {
        MachOFacts m = ctx.macho();
        // Objects and archives are not run; the linker signs what it links.
        if (m == null || ctx.core().arch() != Arch.ARM64 || !Boolean.FALSE.equals(m.codeSignature())
                || !Facts.isProgramOrLibrary(ctx.core())) {
            return List.of();
        }
        return List.of(Rule.finding(self, "No LC_CODE_SIGNATURE: killed on Apple Silicon",
                "This arm64 image has no code signature; macOS 11+ on Apple Silicon refuses to run it.",
                List.of(Evidence.of("load-command", "LC_CODE_SIGNATURE", "missing from the load commands",
                        ctx.header().loadCommands())),
                self.fix()));
    }

    private static List<Finding> minOs(RuleContext ctx, RuleInfo self) {
        MachOFacts m = ctx.macho();
        if (m == null || m.minOs() == null) return List.of();
        return List.of(Rule.finding(self, "Needs macOS " + m.minOs() + " or later",
                "The image states a minimum OS version of " + m.minOs() + ".",
                List.of(Evidence.of("load-command", "minimum OS", m.minOs(), m.minOsExtent())),
                "-mmacosx-version-min=<older version> if you need to support older macOS"));
    }
}
