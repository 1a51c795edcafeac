package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** Optional body of a new assessment. */
@Schema(name = "StartAssessment")
record StartRequest(@Schema(description = "nl (default) or en", example = "nl") String language) {
}
