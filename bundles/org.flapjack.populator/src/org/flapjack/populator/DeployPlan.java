package org.flapjack.populator;

import java.util.List;
import java.util.Map;

import org.flapjack.core.transport.NewJob;

/**
 * What a deploy will do, worked out before anything is touched: the batch id, one job per enabled check that could be
 * rendered (with its first run spread over its interval), the disabled checks, and the checks that cannot run with
 * the reason for each.
 *
 * @param batch the id the new batch gets
 * @param jobs the jobs to put, in the order of the batch
 * @param disabled the names of the checks left out because they are disabled
 * @param failed the checks that cannot be deployed, by name, with the reason
 */
public record DeployPlan(String batch, List<NewJob> jobs, List<String> disabled, Map<String, String> failed) {

    public DeployPlan {
        jobs = List.copyOf(jobs);
        disabled = List.copyOf(disabled);
        failed = Map.copyOf(failed);
    }
}
