package org.flapjack.core.transport;

import org.flapjack.core.model.Result;

/**
 * A result this session reserved; delete it by {@code id} through the same session once it is stored.
 *
 * @param id the queue server's id of the result's job
 * @param result the result
 */
public record ReservedResult(long id, Result result) {
}
