package nl.klantspiegel.adapter.web.organisation;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.adapter.web.PublicLinks;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.RoundsUseCase;
import nl.klantspiegel.application.port.in.TeamsUseCase;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The QR code of a round's invitation link, drawn by ZXing and written as SVG (one path, crisp at any size, printable
 * on a poster): for the admins who hand the link out.
 */
@RestController
@Tag(name = "Organisations")
class InvitationQrCode {

    private static final int QUIET_ZONE = 4;

    private final RoundsUseCase rounds;
    private final TeamsUseCase teams;
    private final PublicLinks links;

    InvitationQrCode(RoundsUseCase rounds, TeamsUseCase teams, PublicLinks links) {
        this.rounds = rounds;
        this.teams = teams;
        this.links = links;
    }

    @GetMapping(path = "/api/organisations/{organisationId}/rounds/{roundId}/invitation.svg",
            produces = "image/svg+xml")
    @Operation(summary = "The invitation link as a QR code (SVG; admins, and team leads for their teams' rounds)")
    ResponseEntity<String> qrCode(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                  @PathVariable String roundId,
                                  @Parameter(description = "Optional: a team of the round, chosen in advance in the "
                                          + "link (the respondent may still change it)")
                                  @RequestParam(required = false) String team) {
        RoundsUseCase.RoundView round = rounds.rounds(caller, organisationId).stream()
                .filter(found -> found.id().equals(roundId))
                .findFirst()
                .orElseThrow(() -> new NotFound("Round " + roundId));
        if (round.invitationToken() == null) {
            throw new AccessDenied("Only an admin, or a team lead of a team in the round, hands out its invitation.");
        }
        if (team != null && !round.teams().isEmpty() && !round.teams().contains(team)
                || team != null && round.teams().isEmpty() && teams.teams(caller, organisationId).stream()
                .noneMatch(known -> known.id().equals(team) && !known.retired())) {
            throw new InvalidRequest("'team' must be a team that takes part in the round.");
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .body(svg(links.invitation(round.invitationToken(), team)));
    }

    static String svg(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException tooLong) {
            throw new IllegalStateException("an invitation link does not fit a QR code", tooLong);
        }
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" "
                + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
