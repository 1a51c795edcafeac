package nl.klantspiegel.adapter.persistence.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why a node of a cluster refused to start, and what to do, instead of a stack trace. */
public class ClusterWithoutDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<ClusterWithoutDatabase> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ClusterWithoutDatabase cause) {
        return new FailureAnalysis(ClusterWithoutDatabase.DESCRIPTION, ClusterWithoutDatabase.ACTION, cause);
    }
}
