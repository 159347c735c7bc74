package gov.shangrao.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * The library's backends with an explicit {@code create} command serialised against implicit creation.
 *
 * mongo-java-server 1.47.0 synchronises the implicit creation of a collection by a first insert, but not the
 * {@code create} command (which mongoose sends for every model it compiles): when both arrive together for a
 * new collection, the command checks, the insert creates and writes, and the command then replaces the
 * collection with an empty one, losing the acknowledged documents. Taking the same monitor
 * ({@code resolveOrCreateCollection} is synchronized on the database) closes that window.
 */
final class RaceFreeBackends {

    private RaceFreeBackends() {
    }

    static MemoryBackend memory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    public synchronized MongoCollection<Integer> createCollectionOrThrowIfExists(
                            String collectionName, CollectionOptions options) {
                        return super.createCollectionOrThrowIfExists(collectionName, options);
                    }
                };
            }
        };
    }

    static H2Backend file(String fileName) {
        return new H2Backend(fileName) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String databaseName) {
                return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {
                    @Override
                    public synchronized MongoCollection<Object> createCollectionOrThrowIfExists(
                            String collectionName, CollectionOptions options) {
                        return super.createCollectionOrThrowIfExists(collectionName, options);
                    }
                };
            }
        };
    }
}
