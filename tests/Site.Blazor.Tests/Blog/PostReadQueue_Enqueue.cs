using Site.Blazor.Blog;
using Site.Data.Content;
using Site.Domain.Blog;

namespace Site.Blazor.Tests.Blog;

public class PostReadQueue_Enqueue
{
    private static readonly PostAddress Post = new("tech", "queues");
    private static readonly DateOnly Today = new(2025, 3, 1);

    private static List<PostReadRecord> Drain(PostReadQueue queue)
    {
        var reads = new List<PostReadRecord>();
        while (queue.Reader.TryRead(out var read))
        {
            reads.Add(read);
        }

        return reads;
    }

    [Fact]
    public void AReaderAlreadyQueuedToday_IsNotQueuedAgain()
    {
        var queue = new PostReadQueue();

        queue.Enqueue(new(Post, Today, "a"));
        queue.Enqueue(new(Post, Today, "a"));
        queue.Enqueue(new(Post, Today, "b"));
        queue.Enqueue(new(new PostAddress("tech", "locks"), Today, "a"));

        Assert.Equal(3, Drain(queue).Count);
    }

    [Fact]
    public void TheSameReaderOnANewDay_IsQueuedAgain()
    {
        var queue = new PostReadQueue();

        queue.Enqueue(new(Post, Today, "a"));
        queue.Enqueue(new(Post, Today.AddDays(1), "a"));

        Assert.Equal(2, Drain(queue).Count);
    }

    [Fact]
    public void AFullQueueDropsReadsInsteadOfWaiting()
    {
        var queue = new PostReadQueue();

        for (var i = 0; i < PostReadQueue.Capacity + 10; i++)
        {
            queue.Enqueue(new(Post, Today, "reader-" + i));
        }

        Assert.Equal(PostReadQueue.Capacity, Drain(queue).Count);
    }
}
