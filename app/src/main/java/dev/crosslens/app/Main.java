package dev.crosslens.app;

import dev.crosslens.app.cli.CrosslensCli;

/**
 * The launcher: a subcommand ({@code analyze}, {@code diff}, {@code check}, ...) runs the CLI; anything else
 * (nothing, or files) opens the workbench window. Not an {@code Application} subclass, so it can be the main
 * class on a plain classpath.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (CrosslensCli.isCliInvocation(args)) {
            System.exit(CrosslensCli.run(args));
        }
        WorkbenchLauncher.launch(args);
    }
}
