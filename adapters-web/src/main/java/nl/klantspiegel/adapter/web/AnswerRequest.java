package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** The option chosen for a question. */
@Schema(name = "Answer")
record AnswerRequest(@Schema(description = "a, b or c", example = "b", requiredMode = Schema.RequiredMode.REQUIRED)
                     String option) {
}
