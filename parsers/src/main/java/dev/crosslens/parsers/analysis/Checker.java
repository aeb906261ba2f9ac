package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.parsers.report.AnalysisReport;
import dev.crosslens.parsers.ParseOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens files and checks them: the findings engine plus, when a target is given, the target check. */
public final class Checker {
    private final FindingsEngine engine;
    private final TargetChecker targets;

    public Checker(FindingsEngine engine, TargetChecker targets) {
        this.engine = engine;
        this.targets = targets;
    }

    public static Checker standard() {
        return new Checker(FindingsEngine.standard(), TargetChecker.standard());
    }

    public List<FileCheck> check(List<Path> paths, TargetProfile target, BuildIntent intent) {
        List<FileCheck> out = new ArrayList<>();
        for (Path p : paths) out.add(check(p, target, intent));
        return out;
    }

    /**
     * Checks one file. Never throws for what the file holds: a file that cannot be read is a FileCheck with
     * {@code error}, and a rule or target-check step that fails is a finding or reason of its own, so one broken
     * file never costs the others of a run their output.
     */
    public FileCheck check(Path path, TargetProfile target, BuildIntent intent) {
        AnalysisReport.Entry e = AnalysisReport.analyzeOne(path, ParseOptions.defaults());
        if (e.file() == null) {
            return new FileCheck(path.toString(), -1, "", List.of(), null, e.error().kind() + ": " + e.error().message());
        }
        FileBytes bytes = null;
        Finding unreadable = null;
        try {
            if (Files.isRegularFile(path)) bytes = FileBytes.open(path);
        } catch (IOException ex) {
            unreadable = FindingsEngine.failed("the byte-level rules (go.no-trimpath's build path search)", "", ex,
                    e.file().image().core().extent());
        }
        try {
            FileCheck c = check(e.file(), target, intent, bytes);
            if (unreadable == null) return c;
            List<Finding> all = new ArrayList<>(c.findings());
            all.add(unreadable);
            return new FileCheck(c.path(), c.size(), c.sha256(), all, c.verdict(), c.error());
        } finally {
            if (bytes != null) bytes.close();
        }
    }

    public FileCheck check(BinaryFile file, TargetProfile target, BuildIntent intent, FileBytes bytes) {
        TargetVerdict verdict = target == null ? null : targets.check(file, target);
        return new FileCheck(file.path(), file.size(), file.sha256(), engine.run(file, target, intent, bytes),
                verdict, null);
    }
}
