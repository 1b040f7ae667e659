// Uploads photos for the admin's upload page: files dropped on the zone or picked with the input go into a queue, at
// most `concurrency` upload at once, each as the raw body of its own request (so neither the browser nor the server
// holds a multipart form), and the page hears about every file, its progress and its answer through .NET callbacks.
// Pausing aborts the uploads in flight and puts them back at the front of the queue; resuming starts them again.

const progressInterval = 200; // ms between progress reports for one file, so the circuit is not flooded

export function attach(zone, input, page, options) {
    const queue = [];
    const running = new Map();
    let nextId = 1;
    let paused = false;

    function add(files) {
        for (const file of files) {
            const id = nextId++;
            queue.push({ id, file });
            page.invokeMethodAsync("FileAdded", id, file.name, file.size);
        }
        pump();
    }

    function pump() {
        while (!paused && running.size < options.concurrency && queue.length > 0) {
            start(queue.shift());
        }
    }

    function start(item) {
        const xhr = new XMLHttpRequest();
        running.set(item.id, { item, xhr });
        let lastReport = 0;
        xhr.open("POST", options.url);
        xhr.setRequestHeader("Content-Type", "application/octet-stream");
        xhr.setRequestHeader(options.fileNameHeader, encodeURIComponent(item.file.name));
        xhr.setRequestHeader("RequestVerificationToken", options.token);
        xhr.upload.onprogress = e => {
            const now = Date.now();
            if (now - lastReport >= progressInterval) {
                lastReport = now;
                page.invokeMethodAsync("Progress", item.id, e.loaded);
            }
        };
        xhr.onload = () => finish(item, xhr.status, xhr.responseText);
        xhr.onerror = () => finish(item, 0, "");
        xhr.onabort = () => {
            // Aborted by pause: it goes back in line, in its old place.
            running.delete(item.id);
            queue.unshift(item);
            page.invokeMethodAsync("Requeued", item.id);
        };
        page.invokeMethodAsync("Started", item.id);
        xhr.send(item.file);
    }

    function finish(item, status, body) {
        running.delete(item.id);
        page.invokeMethodAsync("Finished", item.id, status, body);
        pump();
    }

    zone.addEventListener("dragover", e => {
        e.preventDefault();
        zone.classList.add("photo-drop-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("photo-drop-over"));
    zone.addEventListener("drop", e => {
        e.preventDefault();
        zone.classList.remove("photo-drop-over");
        add(e.dataTransfer.files);
    });
    input.addEventListener("change", () => {
        add(input.files);
        input.value = "";
    });

    return {
        pause() {
            paused = true;
            for (const { xhr } of [...running.values()].reverse()) {
                xhr.abort();
            }
        },
        resume() {
            paused = false;
            pump();
        },
    };
}
