package io.kogu.platform.jobs;

/** Thrown by a {@link JobKind} when a job cannot succeed, however often it is tried: it ends {@code failed}. */
public class JobFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param reason words for the person who started the job */
    public JobFailed(String reason) {
        super(reason, null, false, false);
    }
}
