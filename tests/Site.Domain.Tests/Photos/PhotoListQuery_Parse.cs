using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class PhotoListQuery_Parse
{
    private static PhotoListQuery Parse(params (string Key, string Value)[] values) =>
        PhotoListQuery.Parse(key => values.Where(v => v.Key == key).Select(v => v.Value).FirstOrDefault());

    [Fact]
    public void ReadsEveryFilterAndThePage()
    {
        var query = Parse(("status", "complete"), ("camera", " Fuji X100 "), ("dates", "taken"), ("from", "2024-05-01"),
            ("to", "2024-05-31"), ("duplicates", "true"), ("page", "3"));

        Assert.Equal(PhotoStatus.Complete, query.Status);
        Assert.Equal("Fuji X100", query.Camera);
        Assert.Equal(PhotoDateField.Taken, query.Dates!.Field);
        Assert.Equal((new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31)), (query.Dates.From, query.Dates.To));
        Assert.True(query.DuplicatesOnly);
        Assert.Equal(3, query.Page);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    [InlineData("0f8fad5bd9cb469fa16570867728950e'--")]
    public void AnAlbumThatIsNotAnIdIsIgnored(string album) => Assert.Null(Parse(("album", album)).Album);

    [Fact]
    public void AnAlbumIdGoesThereAndBack()
    {
        var id = Guid.NewGuid();
        var query = Parse(("album", id.ToString("D")));

        Assert.Equal(id, query.Album);
        Assert.Equal(id.ToString("D"), query.ToQueryString()["album"]);
    }

    [Fact]
    public void NothingInTheAddressIsTheDefaultList()
    {
        Assert.Equal(PhotoListQuery.Default, Parse());
        Assert.All(PhotoListQuery.Default.ToQueryString().Values, Assert.Null);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    [InlineData(" 2")]
    public void APageThatIsNotAPositiveNumberIsPageOne(string page) => Assert.Equal(1, Parse(("page", page)).Page);

    [Theory]
    [InlineData("2")]
    [InlineData("Pending,Failed")]
    [InlineData("finished")]
    [InlineData("<script>")]
    public void AStatusThatIsNotOneByNameIsIgnored(string status) => Assert.Null(Parse(("status", status)).Status);

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-02-30")]
    [InlineData("05/01/2024")]
    [InlineData("2024-5-1")]
    public void AnUnreadableDateLeavesThatEndOpen(string date)
    {
        var query = Parse(("from", date), ("to", "2024-06-01"));

        Assert.Null(query.Dates!.From);
        Assert.Equal(new DateOnly(2024, 6, 1), query.Dates.To);
        Assert.Null(Parse(("from", date)).Dates);
    }

    [Fact]
    public void EndsGivenTheWrongWayRoundAreSwapped()
    {
        var dates = Parse(("from", "2024-12-31"), ("to", "2024-01-01")).Dates!;

        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), (dates.From, dates.To));
    }

    [Fact]
    public void AnUnknownDateFieldMeansUploaded_AndACameraNameTooLongForAnyCameraIsIgnored()
    {
        Assert.Equal(PhotoDateField.Uploaded, Parse(("dates", "exif"), ("from", "2024-01-01")).Dates!.Field);
        Assert.Null(Parse(("camera", new string('x', PhotoListQuery.MaxCameraLength + 1))).Camera);
        Assert.Null(Parse(("camera", "   ")).Camera);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("maybe", false)]
    public void DuplicatesOnlyIsOnOnlyWhenSaidSo(string value, bool expected) => Assert.Equal(expected, Parse(("duplicates", value)).DuplicatesOnly);

    [Fact]
    public void WritingAndReadingBackGivesTheSameList()
    {
        var query = new PhotoListQuery
        {
            Status = PhotoStatus.Failed,
            Camera = "Canon EOS R5",
            Dates = PhotoDateRange.Create(PhotoDateField.Taken, new DateOnly(2023, 1, 2), null),
            DuplicatesOnly = true,
            Page = 4,
        };
        var written = query.ToQueryString();

        Assert.Equal(query, PhotoListQuery.Parse(key => written.GetValueOrDefault(key)));
        Assert.Equal("2023-01-02", written["from"]);
        Assert.Null(written["to"]);
        Assert.Equal(PhotoListQuery.Keys.Order(), written.Keys.Order());
    }

    [Fact]
    public void ChangingAFilterGoesBackToPageOne()
    {
        var onPageSeven = new PhotoListQuery { Page = 7 };

        var filtered = onPageSeven.Filtered(q => q with { DuplicatesOnly = true });

        Assert.Equal(1, filtered.Page);
        Assert.True(filtered.DuplicatesOnly);
    }
}

public class PhotoDateRange_Create
{
    [Fact]
    public void NoEndsIsNoRange() => Assert.Null(PhotoDateRange.Create(PhotoDateField.Taken, null, null));

    [Fact]
    public void BothEndsAreWholeDaysIncluded()
    {
        var range = PhotoDateRange.Create(PhotoDateField.Uploaded, new DateOnly(2024, 3, 9), new DateOnly(2024, 3, 10))!;

        Assert.Equal(new DateTime(2024, 3, 9, 0, 0, 0), range.StartInclusive);
        Assert.Equal(new DateTime(2024, 3, 11, 0, 0, 0), range.EndExclusive);
    }

    [Fact]
    public void TheCalendarsLastDayHasNoDayAfterIt_SoTheRangeIsOpenThere()
    {
        var range = PhotoDateRange.Create(PhotoDateField.Uploaded, DateOnly.MinValue, DateOnly.MaxValue)!;

        Assert.Equal(DateTime.MinValue, range.StartInclusive);
        Assert.Null(range.EndExclusive);
    }
}

public class PhotoListPaging_For
{
    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(-1, 120, 1, 3)]
    [InlineData(0, 120, 1, 3)]
    [InlineData(2, 120, 2, 3)]
    [InlineData(99999, 120, 3, 3)]
    [InlineData(int.MaxValue, 100, 2, 2)]
    [InlineData(5, 0, 1, 1)]
    public void ThePageAskedForIsFittedToThePagesThereAre(int requested, int total, int page, int pageCount)
    {
        var paging = PhotoListPaging.For(requested, total, 50);

        Assert.Equal((page, pageCount), (paging.Page, paging.PageCount));
        Assert.Equal((page - 1) * 50, paging.Skip);
    }

    [Fact]
    public void TheMostRowsThereCanBeStillGiveAPageCount() =>
        Assert.Equal(int.MaxValue / 50 + 1, PhotoListPaging.For(1, int.MaxValue, 50).PageCount);
}
