package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.go.GoInfo;

/** PLACEHOLDER: the Go work compares the oracle's {@code go version -m} facts here. */
final class GoOracleFacts {
    private GoOracleFacts() {
    }

    static void compare(JsonNode go, GoInfo info, OracleFacts facts) {
    }
}
