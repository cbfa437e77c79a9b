package io.kogu.content.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.content.api.BulkApi;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.content.api.model.ImportRowError;
import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftFilter;
import io.kogu.content.draft.DraftService;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.text.CsvCells;
import io.kogu.platform.web.ExportFormat;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public class BulkResource implements BulkApi {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    /** The Draft's JSON names (contract/README.md, "Vocabulary"); an export imports again as it is. */
    private static final String[] EXPORT_COLUMNS = {"id", "title", "body", "channelIds", "tags", "campaign", "link",
            "notes", "plannedAt", "status", "createdAt"};
    private static final int EXPORT_PAGE = 500;

    @Inject
    ImportService imports;

    @Inject
    DraftService drafts;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response importDrafts(File body, String idempotencyKey) {
        MediaType type = headers.getMediaType();
        String format = type != null && type.isCompatible(MediaType.valueOf(NDJSON)) ? "ndjson" : "csv";
        String digest = digestUnlessBlank(body.toPath());
        return idempotency.run(idempotencyKey, "importDrafts", new ImportRequest(format, digest), () -> {
            ImportJob job;
            try (InputStream file = Files.newInputStream(body.toPath())) {
                job = imports.start(caller.workspaceId(), caller.subject(), format, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Response.accepted(toApi(job))
                    .location(uriInfo.getBaseUriBuilder().path("v1/drafts/imports").path(job.id.toString()).build())
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    /** The SHA-256 of the uploaded file (what a retry is compared by); a file of only white space is a 400. */
    private static String digestUnlessBlank(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            boolean blank = true;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                for (int i = 0; blank && i < n; i++) {
                    blank = buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\r' || buffer[i] == '\n';
                }
            }
            if (blank) {
                throw ProblemException.invalid("body", "the file is empty");
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getDraftImport(UUID jobId) {
        return Response.ok(toApi(imports.get(caller.workspaceId(), jobId))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response exportDrafts(String format, DraftStatus status, String tag, UUID channel, String campaign,
            String author, OffsetDateTime createdFrom, OffsetDateTime createdTo, String q) {
        boolean csv = ExportFormat.choose(format, headers, ExportFormat.CSV) == ExportFormat.CSV;
        String workspace = caller.workspaceId();
        DraftFilter filter = new DraftFilter(status == null ? null : status.toString(), tag, channel, campaign, author,
                createdFrom == null ? null : createdFrom.toInstant(), createdTo == null ? null : createdTo.toInstant(),
                q == null || q.isBlank() ? null : q);
        // Page by page through the list query: memory stays flat whatever the number of drafts.
        StreamingOutput stream = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            CSVPrinter printer = csv ? new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(EXPORT_COLUMNS).get()) : null;
            PageCursor cursor = null;
            do {
                Page<Draft> page = drafts.list(workspace, filter, new Keyset(cursor, EXPORT_PAGE));
                for (Draft draft : page.items()) {
                    List<Object> values = values(draft);
                    if (printer != null) {
                        printer.printRecord(CsvCells.safe(values)); // no formulas for spreadsheets
                    } else {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < EXPORT_COLUMNS.length; i++) {
                            row.put(EXPORT_COLUMNS[i], values.get(i));
                        }
                        row.put("channelIds", draft.channelIds);
                        row.put("tags", draft.tags);
                        writer.write(json.writeValueAsString(row));
                        writer.write('\n');
                    }
                }
                cursor = page.nextCursor() == null ? null : PageCursor.decode(page.nextCursor());
            } while (cursor != null);
            writer.flush();
        };
        return Response.ok(stream, csv ? CSV + ";charset=UTF-8" : NDJSON).build();
    }

    /** What a retried import is compared by (a record: its JSON has a fixed field order): the file's SHA-256. */
    record ImportRequest(String format, String sha256) {
    }

    private static List<Object> values(Draft draft) {
        return java.util.Arrays.asList(draft.id.toString(), draft.title, draft.body,
                String.join(";", draft.channelIds.stream().map(UUID::toString).toList()), String.join(";", draft.tags),
                draft.campaign, draft.link, draft.notes, draft.plannedAt == null ? null : draft.plannedAt.toString(),
                draft.status, draft.createdAt.toString());
    }

    static io.kogu.content.api.model.ImportJob toApi(ImportJob job) {
        return new io.kogu.content.api.model.ImportJob()
                .id(job.id)
                .status(io.kogu.content.api.model.ImportJob.StatusEnum.fromValue(job.status))
                .format(io.kogu.content.api.model.ImportJob.FormatEnum.fromValue(job.format))
                .total(job.total).processed(job.processed).created(job.created).failed(job.failed)
                .errors(job.errors.stream().map(e -> new ImportRowError().line(e.line()).message(e.message())).toList())
                .message(job.message)
                .createdAt(job.createdAt.atOffset(ZoneOffset.UTC))
                .finishedAt(job.finishedAt == null ? null : job.finishedAt.atOffset(ZoneOffset.UTC));
    }
}
