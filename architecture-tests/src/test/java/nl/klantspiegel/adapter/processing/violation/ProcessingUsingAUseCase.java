package nl.klantspiegel.adapter.processing.violation;

import nl.klantspiegel.application.port.in.Caller;

/** Deliberately wrong: the processing adapter deciding who may rebuild (the use case's job). */
public class ProcessingUsingAUseCase {
    boolean mayRebuild(Caller caller) {
        return caller.operator();
    }
}
