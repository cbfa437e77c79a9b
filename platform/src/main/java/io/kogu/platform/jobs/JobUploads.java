package io.kogu.platform.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The files that jobs work through, kept in the database (table {@code job_upload}) rather than on a pod's disk,
 * so that any replica can run or resume a job. A file is stored in parts of {@link #PART_BYTES}: it is streamed
 * in and out one part at a time (never whole in memory, and far from PostgreSQL's 1 GB limit of one bytea).
 * The runner deletes a job's file when the job ends.
 */
@ApplicationScoped
public class JobUploads {

    /** The size of one stored part. */
    public static final int PART_BYTES = 1 << 20;

    @Inject
    DataSource dataSource;

    /**
     * Stores a job's file, in the caller's transaction when there is one (so that a job and its file are
     * committed together).
     *
     * @return the number of bytes stored
     */
    public long store(UUID jobId, InputStream in) throws IOException {
        long size = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into job_upload (job_id, part, data) values (?, ?, ?)")) {
            byte[] part = new byte[PART_BYTES];
            for (int number = 0; ; number++) {
                int length = in.readNBytes(part, 0, part.length);
                if (length == 0 && number > 0) {
                    break;
                }
                insert.setObject(1, jobId);
                insert.setInt(2, number);
                insert.setBytes(3, length == part.length ? part : java.util.Arrays.copyOf(part, length));
                insert.executeUpdate();
                size += length;
                if (length < part.length) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The file of job " + jobId + " could not be stored", e);
        }
        return size;
    }

    /**
     * The job's file, read part by part: each part is fetched when the previous one is used up, with a short
     * query of its own (no transaction stays open while a job works).
     */
    public InputStream open(UUID jobId) {
        return new InputStream() {
            private byte[] part = new byte[0];
            private int position;
            private int next;
            private boolean end;

            private boolean fill() throws IOException {
                while (!end && position == part.length) {
                    byte[] data = fetch(jobId, next++);
                    if (data == null) {
                        end = true;
                    } else {
                        part = data;
                        position = 0;
                    }
                }
                return position < part.length;
            }

            @Override
            public int read() throws IOException {
                return fill() ? part[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(length, part.length - position);
                System.arraycopy(part, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** Deletes the job's file, in the caller's transaction when there is one. */
    public void delete(UUID jobId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from job_upload where job_id = ?")) {
            delete.setObject(1, jobId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The file of job " + jobId + " could not be deleted", e);
        }
    }

    private byte[] fetch(UUID jobId, int number) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select data from job_upload where job_id = ? and part = ?")) {
            select.setObject(1, jobId);
            select.setInt(2, number);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("The file of job " + jobId + " could not be read", e);
        }
    }
}
