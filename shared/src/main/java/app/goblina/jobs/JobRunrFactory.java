package app.goblina.jobs;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr on our PostgreSQL, built from instances rather than JobRunr's static configuration so several
 * application contexts (tests) can live in one JVM. The worker adds the background job server on top.
 */
@Factory
public class JobRunrFactory {

    @Singleton
    JsonMapper jobRunrJsonMapper() {
        return new JacksonJsonMapper();
    }

    /**
     * JobRunr creates and migrates its own tables next to ours, one process at a time ({@link JobRunrMigrationLock}).
     * Eager, so a process that cannot reach its job storage fails at start rather than at its first request.
     */
    @Context
    StorageProvider jobRunrStorage(DataSource dataSource, JsonMapper jsonMapper) {
        DataSource plain = DelegatingDataSource.unwrapDataSource(dataSource);
        StorageProvider storage;
        JobRunrMigrationLock lock = JobRunrMigrationLock.take(plain);
        try {
            storage = SqlStorageProviderFactory.using(plain);
        } finally {
            lock.close();
        }
        storage.setJobMapper(new JobMapper(jsonMapper));
        return storage;
    }

    @Singleton
    JobRequestScheduler jobRequestScheduler(StorageProvider storage) {
        return new JobRequestScheduler(storage);
    }
}
