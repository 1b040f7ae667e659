namespace Site.Data.Tests.Photos;

/// <summary>
/// Test classes that render photos run one after another: ImageMagick's resource limits are per process, and one test
/// lowers them on purpose.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PhotoRenderingCollection
{
    public const string Name = "Photo rendering";
}
