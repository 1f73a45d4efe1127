/** Implementation details of drift detection; not API, may change without notice. */
package io.dbchange.core.drift.internal;
