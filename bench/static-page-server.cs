#:sdk Microsoft.NET.Sdk.Web
// The baseline of bench/blog.sh: Kestrel serving one saved HTML page as a static file, with nothing else in the
// pipeline. Run as a file-based program: dotnet run bench/static-page-server.cs -- --urls URL --root FOLDER
using Microsoft.Extensions.FileProviders;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Configuration["root"]!) });
app.Run();
