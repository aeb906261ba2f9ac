package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.finding.BuildIntent;
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

    public FileCheck check(Path path, TargetProfile target, BuildIntent intent) {
        AnalysisReport.Entry e = AnalysisReport.analyzeOne(path, ParseOptions.defaults());
        if (e.file() == null) {
            return new FileCheck(path.toString(), -1, "", List.of(), null, e.error().kind() + ": " + e.error().message());
        }
        FileBytes bytes = null;
        try {
            if (Files.isRegularFile(path)) bytes = FileBytes.open(path);
        } catch (IOException ex) {
            bytes = null; // the byte-level rules (leaked build paths) stay quiet; the others still run
        }
        try {
            return check(e.file(), target, intent, bytes);
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
