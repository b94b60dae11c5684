using QRCoder;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>QR codes drawn on the server as SVG (QRCoder): the share box of a story and the authenticator key at two-factor enrolment.</summary>
public static class QrCodes
{
    /// <summary>Medium error correction survives a slightly blurred phone photo of a screen or a print.</summary>
    public static string Svg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(8, "#1a1a1a", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The SVG as a data: URI for an img element (the CSP allows data: images), so a secret never gets its own URL.</summary>
    public static string SvgDataUri(string text) => "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Svg(text)));
}
