package io.kogu.metrics.event;

import io.agroal.api.AgroalDataSource;
import io.kogu.metrics.config.MetricsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Folds the rollup deltas that NDJSON streams queue in {@code rollup_backlog} into the rollups (hourly, daily,
 * all-time per publication, per actor). Runs every {@code kogu.metrics.rollups.apply-every} (default 1 s) in
 * chunks of about {@code kogu.metrics.rollups.apply-chunk} deltas, each chunk in one transaction that takes the rows out
 * of the backlog and adds them to the rollups, so that a delta is counted exactly once. While an NDJSON stream is
 * being written on this replica it applies one chunk of {@code kogu.metrics.rollups.apply-chunk-while-streaming}
 * per run and yields, so that bulk streams go in at nearly the speed of {@code COPY} (issue 15) while other
 * traffic's rollups keep moving; the rest follows once the stream ends. One replica applies at a
 * time (a transaction-level advisory lock, which member erasure also takes so that it never races an apply).
 * Grouping by channel and network as well as publication touches each rollup row once per statement because a
 * registered publication's channel and network never change (PublicationService).
 */
@ApplicationScoped
public class RollupBacklog {

    /**
     * Adds the rows of a CTE named {@code deltas} (workspace_id, publication_id, type, hour, channel_id, network,
     * actor_member_id, total) to the rollups: the one statement fragment that keeps rollups, for events rolled up
     * at once and for the backlog alike. Rows are grouped and ordered so that each rollup row is touched once and
     * concurrent writers lock rows in the same order.
     */
    static final String ROLL_UP = """
            , hourly as (
                insert into rollup_hourly (workspace_id, publication_id, type, hour, channel_id, network, total)
                select workspace_id, publication_id, type, hour, channel_id, network, sum(total) from deltas
                group by workspace_id, publication_id, type, hour, channel_id, network
                order by workspace_id, publication_id, type, hour
                on conflict (workspace_id, publication_id, type, hour)
                do update set total = rollup_hourly.total + excluded.total
            ), daily as (
                insert into rollup_daily (workspace_id, publication_id, type, day, channel_id, network, total)
                select workspace_id, publication_id, type, (hour at time zone 'UTC')::date, channel_id, network,
                       sum(total)
                from deltas
                group by workspace_id, publication_id, type, (hour at time zone 'UTC')::date, channel_id, network
                order by workspace_id, publication_id, type, 4
                on conflict (workspace_id, publication_id, type, day)
                do update set total = rollup_daily.total + excluded.total
            ), totals as (
                insert into publication_total (workspace_id, publication_id, type, total)
                select workspace_id, publication_id, type, sum(total) from deltas
                group by workspace_id, publication_id, type
                order by workspace_id, publication_id, type
                on conflict (workspace_id, publication_id, type)
                do update set total = publication_total.total + excluded.total
            ), actors as (
                insert into rollup_actor (workspace_id, publication_id, type, actor_member_id, total)
                select workspace_id, publication_id, type, actor_member_id, sum(total) from deltas
                where actor_member_id is not null
                group by workspace_id, publication_id, type, actor_member_id
                order by workspace_id, publication_id, type, actor_member_id
                on conflict (workspace_id, publication_id, type, actor_member_id)
                do update set total = rollup_actor.total + excluded.total
            )
            """;

    private static final Logger LOG = Logger.getLogger(RollupBacklog.class);

    /** Serializes appliers across replicas, and erasures against appliers. */
    public static final String LOCK_KEY = "hashtext('rollup_backlog')";

    /**
     * Takes the oldest backlog rows, until they hold a chunk's worth of deltas (at least one row), out of the
     * backlog and into the rollups. Each row holds a batch's deltas as parallel arrays (V12).
     */
    private static final String APPLY_CHUNK = """
            with taken as (
                delete from rollup_backlog
                where ctid = any(array(
                    select ctid from (
                        select ctid, sum(deltas) over (order by queued_at, ctid) - deltas as before
                        from rollup_backlog
                    ) queue
                    where before < ?))
                returning workspace_id, publication_ids, types, hours, channel_ids, networks, actor_member_ids, totals
            ), deltas as (
                select taken.workspace_id, d.*
                from taken, unnest(taken.publication_ids, taken.types, taken.hours, taken.channel_ids, taken.networks,
                                   taken.actor_member_ids, taken.totals)
                    as d(publication_id, type, hour, channel_id, network, actor_member_id, total)
            )""" + ROLL_UP + """
            select count(*) from deltas""";

    /** How far behind the rollups are: the age of the oldest delta still queued (0 when none is). */
    private static final String LAG = """
            select coalesce(extract(epoch from clock_timestamp() - min(queued_at)), 0) from rollup_backlog""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MetricsSettings settings;

    @Inject
    StreamWriters writers;

    @Inject
    MeterRegistry registry;

    private Counter applied;
    private final AtomicLong lagMillis = new AtomicLong();

    @PostConstruct
    void registerMeters() {
        applied = Counter.builder("kogu.metrics.rollups.applied")
                .description("Rollup deltas taken from the backlog into the rollups").register(registry);
        registry.gauge("kogu.metrics.rollups.lag.seconds", lagMillis, millis -> millis.get() / 1000.0);
    }

    /**
     * Applies the whole backlog, oldest first, chunk by chunk, unless another replica is applying it now; then
     * measures the lag, whatever happened (so that a failing or stuck applier shows as a growing lag).
     */
    @Scheduled(every = "${kogu.metrics.rollups.apply-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void applyAll() {
        try {
            int chunk;
            int rows;
            boolean streaming;
            do {
                // While a stream is being written here, one small chunk per run: the stream's COPY and this
                // applier share the database's cores, and the stream's deltas are queued to be applied anyway.
                streaming = writers.streaming();
                chunk = streaming ? settings.rollups().applyChunkWhileStreaming() : settings.rollups().applyChunk();
                long started = System.nanoTime();
                int size = chunk;
                rows = QuarkusTransaction.requiringNew().call(() -> applyChunk(size));
                applied.increment(rows);
                if (rows > 0) {
                    LOG.debugf("Applied %d rollup deltas in %d ms", rows, (System.nanoTime() - started) / 1_000_000);
                }
            } while (rows >= chunk && !streaming);
        } finally {
            measureLag();
        }
    }

    /**
     * Takes about {@code chunk} deltas (whole backlog rows) into the rollups; answers how many (fewer than
     * {@code chunk} only when the backlog is empty now; 0 when another replica holds the lock).
     */
    private int applyChunk(int chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")");
                 ResultSet locked = lock.executeQuery()) {
                locked.next();
                if (!locked.getBoolean(1)) {
                    return 0;
                }
            }
            try (PreparedStatement timeout = connection.prepareStatement("set local statement_timeout = '2min'")) {
                timeout.execute();
            }
            // Planned for the backlog as it is now, at every chunk: a plan cached while the backlog was empty (as
            // it is between streams) scanned and sorted all of it, and searched the chunk's row ids in every row,
            // once a stream had queued a million deltas: 10-30 s a chunk instead of 0.3-0.8 s.
            try (PreparedStatement plan = connection.prepareStatement("set local plan_cache_mode = force_custom_plan")) {
                plan.execute();
            }
            try (PreparedStatement apply = connection.prepareStatement(APPLY_CHUNK)) {
                apply.setInt(1, chunk);
                try (ResultSet result = apply.executeQuery()) {
                    result.next();
                    return result.getInt(1);
                }
            }
        }
    }

    private void measureLag() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lag = connection.prepareStatement(LAG);
             ResultSet result = lag.executeQuery()) {
            result.next();
            lagMillis.set(Math.round(result.getDouble(1) * 1000));
        } catch (SQLException e) {
            LOG.warnf("Could not measure the rollup backlog: %s", e.getMessage());
        }
    }
}
