package io.dbchange.api.store;

import io.dbchange.api.ErrorCode;

/** Error codes of {@link MetadataStore} implementations. A lost compare-and-set is a result, not an error. */
public enum StoreErrorCode implements ErrorCode {
    /** An object with the same id (or the same unique key) exists already. */
    DUPLICATE(false),
    /** The object to change does not exist. */
    NOT_FOUND(false),
    /** The store's database could not be reached or failed; the operation may be retried. */
    STORE_UNAVAILABLE(true),
    /** The store's tables are of a newer schema version than this library knows. */
    STORE_SCHEMA_TOO_NEW(false);

    private final boolean retryable;

    StoreErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
