package io.kogu.audience.segment.rule;

import com.ibm.icu.lang.UCharacter;
import io.kogu.testsupport.TestEnvironment;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's kogu_fold (migration V6) folds case exactly as Java's CaseFold (ICU) does, on every code point. */
class CaseFoldTest {

    @Test
    void theDatabaseFoldsEveryCharacterAsJavaDoes() throws Exception {
        String url = TestEnvironment.database().jdbcUrl(TestEnvironment.databaseName("kogu_test_audience_fold"));
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement fold = connection.prepareStatement("select kogu_fold(?)")) {
            // Every character that has a case lies below U+20000; above it, folding changes nothing.
            StringBuilder chunk = new StringBuilder();
            for (int cp = 1; cp < 0x20000; cp++) {
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    continue;
                }
                chunk.appendCodePoint(cp);
                if (chunk.length() >= 16_000 || cp == 0x1FFFF) {
                    String text = chunk.toString();
                    fold.setString(1, text);
                    try (ResultSet rows = fold.executeQuery()) {
                        rows.next();
                        String expected = CaseFold.fold(text);
                        String actual = rows.getString(1);
                        if (!expected.equals(actual)) {
                            // Name the first character on which they differ.
                            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
                                String one = new String(Character.toChars(text.codePointAt(i)));
                                fold.setString(1, one);
                                try (ResultSet single = fold.executeQuery()) {
                                    single.next();
                                    assertThat(single.getString(1)).as("U+%04X", text.codePointAt(i))
                                            .isEqualTo(CaseFold.fold(one));
                                }
                            }
                        }
                        assertThat(actual).isEqualTo(expected);
                    }
                    chunk.setLength(0);
                }
            }
        }
        for (int cp = 0x20000; cp <= 0x10FFFF; cp++) {
            String one = new String(Character.toChars(cp));
            assertThat(UCharacter.foldCase(one, true)).isEqualTo(one);
        }
        assertThat(CaseFold.fold("ΟΔΟΣ")).isEqualTo(CaseFold.fold("οδος")).isEqualTo("οδοσ");
        assertThat(CaseFold.fold("Straße")).isEqualTo("strasse");
    }
}
