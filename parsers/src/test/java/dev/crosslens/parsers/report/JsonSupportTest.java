package dev.crosslens.parsers.report;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data files are read without an ObjectMapper: into the tree the mapper would have built. */
class JsonSupportTest {

    @Test
    void everyBundledDataFileReadsAsTheMapperReadsIt() throws Exception {
        Path data = Fixtures.projectRoot().resolve("resources/data");
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        ObjectMapper mapper = new ObjectMapper();
        for (Path f : files) {
            JsonNode mine;
            try (InputStream in = Files.newInputStream(f)) {
                mine = JsonSupport.readTree(in);
            }
            assertThat(mine).as(f.toString()).isEqualTo(mapper.readTree(f.toFile()));
        }
    }

    @Test
    void numbersOfEveryKindAndBrokenText() throws Exception {
        String text = "{\"i\": 1, \"l\": 12345678901, \"b\": 123456789012345678901234, \"d\": -1.5e3, \"t\": true,"
                + " \"n\": null, \"a\": [\"x\", {}, []]}";
        assertThat(JsonSupport.readTree(new ByteArrayInputStream(text.getBytes(UTF_8))))
                .isEqualTo(new ObjectMapper().readTree(text));
        for (String bad : new String[] {"", "{\"a\": ", "[1, 2", "{} {}", "{\"a\" 1}"}) {
            assertThatThrownBy(() -> JsonSupport.readTree(new ByteArrayInputStream(bad.getBytes(UTF_8))))
                    .as(bad).isInstanceOf(JsonParseException.class);
        }
    }
}
