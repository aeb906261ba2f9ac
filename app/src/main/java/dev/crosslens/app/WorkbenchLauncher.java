package dev.crosslens.app;

/** PLACEHOLDER until the workbench window lands: says so and exits with usage. */
final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    static void launch(String[] args) {
        System.err.println("The workbench window is not built yet; use 'crosslens analyze FILE...'.");
        System.exit(2);
    }
}
