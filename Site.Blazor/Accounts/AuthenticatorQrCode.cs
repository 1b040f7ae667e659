using QRCoder;

namespace Site.Blazor.Accounts;

/// <summary>The otpauth URI as a QR code in an SVG data URI: drawn on the server, allowed by the CSP's img-src data:.</summary>
public static class AuthenticatorQrCode
{
    public static string SvgDataUri(string otpAuthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
