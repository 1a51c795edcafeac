package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

@RestController
@Tag(name = "Instrument", description = "The self-test itself")
class InstrumentController {

    @GetMapping(path = "/api/instrument", produces = "application/json")
    @Operation(summary = "The current test: situation, questions and options, without points")
    ResponseEntity<InstrumentResponse> instrument(
            @Parameter(description = "nl (default) or en") @RequestParam(defaultValue = "nl") String lang) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(InstrumentResponse.of(Instruments.current(), Language.fromCode(lang)));
    }
}
