package io.kogu.audience.imports;

import io.kogu.audience.api.model.MemberImportError;
import io.kogu.audience.api.model.MemberImportStatus;

import java.time.ZoneOffset;

/** An import job as the API shows it. */
public final class ImportMapper {

    private ImportMapper() {
    }

    public static io.kogu.audience.api.model.MemberImport toApi(MemberImport job) {
        return new io.kogu.audience.api.model.MemberImport()
                .id(job.id)
                .format(io.kogu.audience.api.model.MemberImport.FormatEnum.fromValue(job.format))
                .status(MemberImportStatus.fromValue(job.status))
                .total(job.total)
                .processed(job.processed)
                .created(job.created)
                .updated(job.updated)
                .unchanged(job.unchanged)
                .failed(job.failed)
                .errors(job.errors.stream().map(e -> new MemberImportError().line(e.line()).field(e.field())
                        .message(e.message())).toList())
                .createdAt(job.createdAt.atOffset(ZoneOffset.UTC))
                .finishedAt(job.finishedAt == null ? null : job.finishedAt.atOffset(ZoneOffset.UTC))
                // Why a failed job failed: the runner's reason, kept as the error of line 0 (ImportBatches.failedWith).
                .message(MemberImport.FAILED.equals(job.status) ? job.errors.stream().filter(e -> e.line() == 0)
                        .map(MemberImport.RowError::message).findFirst().orElse(null) : null);
    }
}
