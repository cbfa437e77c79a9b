package io.kogu.audience.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.Member;
import io.kogu.platform.text.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/** Writes members one at a time as NDJSON or CSV (the formats of the contract's MemberExport). */
public final class MemberExport implements AutoCloseable {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    public static final String[] CSV_HEADER = {"id", "displayName", "email", "country", "language", "city",
            "relationship", "handles", "tags", "followedSince", "lastInteractionAt", "engagementScore",
            "marketingConsent", "attributes", "createdAt", "updatedAt"};

    private final ObjectMapper json;
    private final Writer writer;
    private final CSVPrinter csv;

    public MemberExport(String mediaType, OutputStream output, ObjectMapper json) throws IOException {
        this.json = json;
        this.writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        this.csv = CSV.equals(mediaType)
                ? new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get()) : null;
    }

    public void write(Member member) throws IOException {
        if (csv == null) {
            writer.write(json.writeValueAsString(member));
            writer.write('\n');
            return;
        }
        // Every text cell through CsvCells: a display name like "=HYPERLINK(...)" stays text in a spreadsheet.
        csv.printRecord(CsvCells.safe(member.getId(), member.getDisplayName(), member.getEmail(), member.getCountry(),
                member.getLanguage(), member.getCity(), member.getRelationship(),
                member.getHandles().stream().map(MemberExport::handle).collect(Collectors.joining(" ")),
                String.join(" ", member.getTags()), text(member.getFollowedSince()),
                text(member.getLastInteractionAt()), member.getEngagementScore(), member.getMarketingConsent(),
                json.writeValueAsString(member.getAttributes()), text(member.getCreatedAt()), text(member.getUpdatedAt())));
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.flush();
        }
        writer.flush();
    }

    private static String handle(Handle handle) {
        return handle.getNetwork() + ":" + handle.getHandle();
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
