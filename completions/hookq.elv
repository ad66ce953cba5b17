
use builtin;
use str;

set edit:completion:arg-completer[hookq] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'hookq'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'hookq'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Add a webhook and print it (with its secret)'
            cand list 'List webhooks with health and queue depth'
            cand get 'Show one webhook'
            cand edit 'Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)'
            cand delete 'Remove a webhook with its queued events and logs; prints what was deleted'
            cand emit 'Record an event for every published webhook subscribed to its type'
            cand process 'Deliver queued events: grouped, signed and POSTed (run it from cron)'
            cand test 'Send sample events to a webhook (or a URL) now, signed like a delivery'
            cand queue 'Inspect the queue, re-drive dead events, drop events'
            cand logs 'Delivery attempts, newest first'
            cand verify 'Check a body''s Webhook-Signature, as a receiver would'
            cand resend 'Queue a delivered batch again (kept for delivered_retention), for the next `process`'
            cand triggers 'The catalog of event types webhooks can subscribe to'
            cand category 'Webhook categories'
            cand api-user 'Users that may call `hookq serve` (HTTP Basic)'
            cand serve 'Serve Mautic''s REST API for webhooks (and hookq''s own routes) over HTTP'
            cand listen 'Receive webhooks locally and check their signatures (for CI smoke tests)'
            cand config 'Read and change settings'
            cand db 'Whole-database operations (copy to another database, either backend)'
            cand openapi 'Print the OpenAPI 3.1 document of serve''s HTTP API (what GET /api/openapi.json serves)'
            cand completions 'Print a shell completion script'
            cand generate-man 'Write man pages into DIR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;create'= {
            cand --name 'Webhook name'
            cand --url 'Receiver URL (http or https)'
            cand --trigger 'Event type to subscribe to (repeat for more; see `hookq triggers`)'
            cand --description 'Free-text description'
            cand --secret 'Signing secret [default: 32 random bytes, as 64 hex characters or, with --signing standard, as whsec_ and base64]'
            cand --secret-file 'Read the secret from FILE (its first line), off the command line'
            cand --signing 'How requests are signed: mautic (Webhook-Signature, as Mautic does) or standard (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) [default: mautic]'
            cand --order 'Event order in batches: asc or desc [default: the events_order setting]'
            cand --category 'Category id (see `hookq category list`)'
            cand --header 'A header sent with every request, e.g. ''X-Api-Key: abc123'' (repeat for more; the value is masked in tables)'
            cand --filter 'Queue events of TYPE only when their payload contains JSON, e.g. ''mautic.form_on_submit:{"submission":{"form":{"id":3}}}'' (repeat: any one of a type''s filters takes the event)'
            cand --rate 'At most N requests in any second, minute or hour (N/s, N/m, N/h), across every run and machine; batches wait, never dropped'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --unpublished 'Create it unpublished (nothing is queued for it until published)'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;list'= {
            cand --search 'Text to find in names, and search commands: is:published, is:unpublished, is:uncategorized, category:ALIAS, ids:1,2'
            cand --start 'Rows to skip'
            cand --limit 'Rows to show (0: all)'
            cand --order-by 'Sort column, camelCase or snake_case (id, name, webhookUrl, dateAdded, ...)'
            cand --order-dir 'Sort direction: asc or desc'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --published-only 'Only published webhooks'
            cand --minimal 'Only Mautic''s list fields (no publish and author details)'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;get'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;edit'= {
            cand --name 'New name'
            cand --url 'New receiver URL'
            cand --description 'New description ("" clears it)'
            cand --secret 'New signing secret'
            cand --secret-file 'Read the new secret from FILE (its first line), off the command line'
            cand --signing 'Signing scheme: mautic or standard (turning standard needs a whsec_ secret: add --regenerate-secret or --secret)'
            cand --keep-old 'How long the old secret keeps signing after --rotate-secret, e.g. 2h, 3d; 0 drops it at once [default: 24h]'
            cand --order 'Event order: asc, desc, or default (use the events_order setting)'
            cand --category 'Category id'
            cand --trigger 'Set the subscriptions to exactly these types (repeat)'
            cand --add-trigger 'Subscribe to one more type (repeat)'
            cand --remove-trigger 'Unsubscribe from a type (repeat)'
            cand --header 'Set a header sent with every request, e.g. ''X-Api-Key: abc123'' (repeat; replaces one of the same name)'
            cand --no-header 'Stop sending header NAME (repeat)'
            cand --filter 'Set TYPE''s filter: its events are queued only when their payload contains JSON (repeat; the filters given for a type replace its old ones, and any one of them takes an event)'
            cand --no-filter 'Drop TYPE''s filters: every event of it is queued again (repeat)'
            cand --rate 'At most N requests in any second, minute or hour (N/s, N/m, N/h), or off'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --replace 'Replace every field (PUT): fields not given are reset, and a missing id is created'
            cand --regenerate-secret 'Replace the secret with a new random one and print it'
            cand --rotate-secret 'Standard webhooks: a new secret (--secret, or generated and printed) signs beside the old one until --keep-old has passed'
            cand --no-category 'Remove the category'
            cand --publish 'Publish it (queued events resume)'
            cand --unpublish 'Unpublish it (its queued events wait)'
            cand --unpublished 'Unpublish it (its queued events wait)'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;delete'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;emit'= {
            cand --payload 'The event''s payload: a JSON object [default: {}]'
            cand --payload-file 'Read the payload from FILE (- for standard input)'
            cand --ndjson 'Read events from FILE (- or nothing: standard input), one {"type":"..","payload":{..}} per line (and an optional "id", its idempotency key), stored in large transactions'
            cand --skip 'With --ndjson: skip the first N lines (to go on after a bad line, rerun with the --skip the error names)'
            cand --idempotency-key 'Store this event once per KEY within the idempotency_window setting (24h): run again with the same key (a retry), it is not stored twice (with --ndjson, give each line an "id" instead)'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;process'= {
            cand --webhook-id 'Only this webhook'
            cand --min-id 'Only events with this id or higher'
            cand --max-id 'Only events with this id or lower'
            cand --limit 'Events per request for this run [default: the batch_limit setting]'
            cand --time-limit 'Stop claiming new batches after this long, e.g. 90s, 5m [default: the time_limit setting]'
            cand --concurrency 'Webhooks delivered at once [default: the concurrency setting]'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --dry-run 'Print what would be sent (per webhook: batches, types, bytes) and send nothing'
            cand --strict 'Exit with code 3 when any delivery failed'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;test'= {
            cand --url 'Test this URL instead of a stored webhook'
            cand --secret 'Secret to sign with, with --url [default: none, signs with an empty key]'
            cand --signing 'How to sign, with --url: mautic or standard (which needs --secret whsec_…) [default: mautic]'
            cand --trigger 'Event type to send a sample of (repeat; with ID: default all its triggers)'
            cand --payload-file 'Send this payload (a JSON object) instead of the built-in samples'
            cand --header 'With --url, a header to send, e.g. ''X-Api-Key: abc123'' (repeat; a stored webhook sends its own)'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;queue'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand stats 'Queued, waiting and dead events per webhook'
            cand list 'Queued events, oldest first'
            cand retry 'Give dead events a new round of retries, due now'
            cand resend 'Queue a webhook''s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`'
            cand purge 'Drop queued events for good (asks first unless --yes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;queue;stats'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;queue;list'= {
            cand --webhook-id 'Only this webhook'
            cand --limit 'Rows to show (0: all)'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --dead 'Only dead events (their batch is past retry_max_age)'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;queue;retry'= {
            cand --webhook-id 'Only this webhook''s events'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --waiting 'Also send batches waiting for a retry at the next run (they keep their attempt count), e.g. once a receiver is back'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;queue;resend'= {
            cand --webhook-id 'The webhook'
            cand --since 'Batches delivered within this long, e.g. 2h, 1d'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --new-id 'Send them with new Webhook-Ids, for receivers that drop ids they have seen'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;queue;purge'= {
            cand --webhook-id 'Only this webhook''s events'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --dead 'Only dead events'
            cand -y 'Do not ask'
            cand --yes 'Do not ask'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;queue;help'= {
            cand stats 'Queued, waiting and dead events per webhook'
            cand list 'Queued events, oldest first'
            cand retry 'Give dead events a new round of retries, due now'
            cand resend 'Queue a webhook''s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`'
            cand purge 'Drop queued events for good (asks first unless --yes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;queue;help;stats'= {
        }
        &'hookq;queue;help;list'= {
        }
        &'hookq;queue;help;retry'= {
        }
        &'hookq;queue;help;resend'= {
        }
        &'hookq;queue;help;purge'= {
        }
        &'hookq;queue;help;help'= {
        }
        &'hookq;logs'= {
            cand --limit 'Rows to show'
            cand --since 'Only attempts of the last DUR, e.g. 30m, 2h, 3d'
            cand --status 'Only attempts with this status: a code (500), N/A (no response), or failed (anything but 2xx)'
            cand --batch 'Only attempts of this batch (its Webhook-Id)'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --failed 'Only failed attempts (as --status failed)'
            cand -f 'Keep printing attempts as they are logged, oldest first, until interrupted (text as tab-separated rows, --json as one object per line)'
            cand --follow 'Keep printing attempts as they are logged, oldest first, until interrupted (text as tab-separated rows, --json as one object per line)'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;verify'= {
            cand --secret 'The webhook''s secret (on the command line it shows in `ps`: prefer --secret-file or HOOKQ_VERIFY_SECRET)'
            cand --secret-file 'Read the secret from FILE (its first line), instead of --secret'
            cand --signature 'The Webhook-Signature header''s value (with --standard: the webhook-signature header''s, `v1,…` entries separated by spaces)'
            cand --id 'The webhook-id header''s value (with --standard)'
            cand --timestamp 'The webhook-timestamp header''s value, Unix seconds (with --standard)'
            cand --tolerance 'With --standard, refuse a timestamp further than this from now, as receivers do against replays; 0 skips the check [default: 5m]'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --standard 'Check a Standard Webhooks signature (the secret is whsec_…) over --id, --timestamp and the body'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;resend'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --new-id 'Send it with a new Webhook-Id, for receivers that drop ids they have seen'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;triggers'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List event types, sorted by label'
            cand add 'Add a custom event type'
            cand remove 'Remove a custom event type no webhook uses'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;triggers;list'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;triggers;add'= {
            cand --label 'Short label'
            cand --description 'When it fires'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;triggers;remove'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;triggers;help'= {
            cand list 'List event types, sorted by label'
            cand add 'Add a custom event type'
            cand remove 'Remove a custom event type no webhook uses'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;triggers;help;list'= {
        }
        &'hookq;triggers;help;add'= {
        }
        &'hookq;triggers;help;remove'= {
        }
        &'hookq;triggers;help;help'= {
        }
        &'hookq;category'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Add a category'
            cand edit 'Change a category: only the given fields'
            cand list 'List categories'
            cand delete 'Delete a category (its webhooks become uncategorised)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;category;create'= {
            cand --title 'Title'
            cand --alias 'Alias used by `list --search category:ALIAS` [default: from the title]'
            cand --description 'Description'
            cand --color 'Colour as six hex digits, e.g. ff8800'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;category;edit'= {
            cand --title 'Title'
            cand --alias 'Alias used by `list --search category:ALIAS`'
            cand --description 'Description (empty: none)'
            cand --color 'Colour as six hex digits, e.g. ff8800'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;category;list'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;category;delete'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;category;help'= {
            cand create 'Add a category'
            cand edit 'Change a category: only the given fields'
            cand list 'List categories'
            cand delete 'Delete a category (its webhooks become uncategorised)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;category;help;create'= {
        }
        &'hookq;category;help;edit'= {
        }
        &'hookq;category;help;list'= {
        }
        &'hookq;category;help;delete'= {
        }
        &'hookq;category;help;help'= {
        }
        &'hookq;api-user'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an API user and print its generated password once'
            cand list 'List API users'
            cand remove 'Remove an API user (its next request is refused)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;api-user;add'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --password-stdin 'Read the password from standard input instead of generating one'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;api-user;list'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;api-user;remove'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;api-user;help'= {
            cand add 'Add an API user and print its generated password once'
            cand list 'List API users'
            cand remove 'Remove an API user (its next request is refused)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;api-user;help;add'= {
        }
        &'hookq;api-user;help;list'= {
        }
        &'hookq;api-user;help;remove'= {
        }
        &'hookq;api-user;help;help'= {
        }
        &'hookq;serve'= {
            cand --listen 'Address to listen on; anything but loopback belongs behind a TLS proxy'
            cand --header-timeout 'How long a client may take to send a request''s headers before it is dropped'
            cand --poll 'With --deliver: how often to look for due work unannounced (retries falling due; on SQLite also events other processes emit; on PostgreSQL those wake it at once)'
            cand --trusted-proxy 'A reverse proxy in front of serve (repeat for several): only from these peers is the client''s address taken from X-Forwarded-For (for the failed sign-in slowdown); a client''s own header is never believed'
            cand --max-connections-per-ip 'Connections one client address may hold open at once; more are closed as they arrive, so one address cannot take every slot'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --deliver 'Also deliver queued events continuously (as `process` does; cron runs may overlap)'
            cand --no-auth 'Accept requests without credentials (refused unless ADDR is a loopback address)'
            cand --no-console 'Serve the API only, without the admin console''s pages under /'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;listen'= {
            cand --listen 'Address to listen on [default: 127.0.0.1 and a free port]'
            cand --secret 'Check Mautic''s Webhook-Signature with this secret (on the command line it shows in `ps`: prefer --secret-file or HOOKQ_LISTEN_SECRET)'
            cand --secret-file 'Read the Mautic secret from FILE (its first line)'
            cand --standard-secret 'Check Standard Webhooks signatures with this whsec_ secret'
            cand --standard-secret-file 'Read the whsec_ secret from FILE (its first line)'
            cand --count 'Exit 0 once this many requests were verified and answered with --status'
            cand --timeout 'Give up after this long (exit 1 when --count was not reached), e.g. 30s'
            cand --status 'Status to answer requests with'
            cand --fail-first 'Answer the first K requests with 500 (to exercise retries), then --status'
            cand --require-type 'With --count: exit 1 unless this event type arrived (repeat)'
            cand --port-file 'Write the port to FILE once listening (for scripts that start it in the background)'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;config'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every setting with its value and where it comes from'
            cand get 'Print one setting''s effective value'
            cand set 'Store a setting in the database'
            cand unset 'Return a setting to its default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;config;list'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;config;get'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;config;set'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;config;unset'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;config;help'= {
            cand list 'Every setting with its value and where it comes from'
            cand get 'Print one setting''s effective value'
            cand set 'Store a setting in the database'
            cand unset 'Return a setting to its default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;config;help;list'= {
        }
        &'hookq;config;help;get'= {
        }
        &'hookq;config;help;set'= {
        }
        &'hookq;config;help;unset'= {
        }
        &'hookq;config;help;help'= {
        }
        &'hookq;db'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand copy 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;db;copy'= {
            cand --to 'The target: an SQLite file path or a postgres:// URL (must be empty)'
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;db;help'= {
            cand copy 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;db;help;copy'= {
        }
        &'hookq;db;help;help'= {
        }
        &'hookq;openapi'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;completions'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;generate-man'= {
            cand --db 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL'
            cand --format 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]'
            cand --json 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)'
            cand -q 'Print nothing on stdout; diagnostics only on failure'
            cand --quiet 'Print nothing on stdout; diagnostics only on failure'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'hookq;help'= {
            cand create 'Add a webhook and print it (with its secret)'
            cand list 'List webhooks with health and queue depth'
            cand get 'Show one webhook'
            cand edit 'Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)'
            cand delete 'Remove a webhook with its queued events and logs; prints what was deleted'
            cand emit 'Record an event for every published webhook subscribed to its type'
            cand process 'Deliver queued events: grouped, signed and POSTed (run it from cron)'
            cand test 'Send sample events to a webhook (or a URL) now, signed like a delivery'
            cand queue 'Inspect the queue, re-drive dead events, drop events'
            cand logs 'Delivery attempts, newest first'
            cand verify 'Check a body''s Webhook-Signature, as a receiver would'
            cand resend 'Queue a delivered batch again (kept for delivered_retention), for the next `process`'
            cand triggers 'The catalog of event types webhooks can subscribe to'
            cand category 'Webhook categories'
            cand api-user 'Users that may call `hookq serve` (HTTP Basic)'
            cand serve 'Serve Mautic''s REST API for webhooks (and hookq''s own routes) over HTTP'
            cand listen 'Receive webhooks locally and check their signatures (for CI smoke tests)'
            cand config 'Read and change settings'
            cand db 'Whole-database operations (copy to another database, either backend)'
            cand openapi 'Print the OpenAPI 3.1 document of serve''s HTTP API (what GET /api/openapi.json serves)'
            cand completions 'Print a shell completion script'
            cand generate-man 'Write man pages into DIR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hookq;help;create'= {
        }
        &'hookq;help;list'= {
        }
        &'hookq;help;get'= {
        }
        &'hookq;help;edit'= {
        }
        &'hookq;help;delete'= {
        }
        &'hookq;help;emit'= {
        }
        &'hookq;help;process'= {
        }
        &'hookq;help;test'= {
        }
        &'hookq;help;queue'= {
            cand stats 'Queued, waiting and dead events per webhook'
            cand list 'Queued events, oldest first'
            cand retry 'Give dead events a new round of retries, due now'
            cand resend 'Queue a webhook''s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`'
            cand purge 'Drop queued events for good (asks first unless --yes)'
        }
        &'hookq;help;queue;stats'= {
        }
        &'hookq;help;queue;list'= {
        }
        &'hookq;help;queue;retry'= {
        }
        &'hookq;help;queue;resend'= {
        }
        &'hookq;help;queue;purge'= {
        }
        &'hookq;help;logs'= {
        }
        &'hookq;help;verify'= {
        }
        &'hookq;help;resend'= {
        }
        &'hookq;help;triggers'= {
            cand list 'List event types, sorted by label'
            cand add 'Add a custom event type'
            cand remove 'Remove a custom event type no webhook uses'
        }
        &'hookq;help;triggers;list'= {
        }
        &'hookq;help;triggers;add'= {
        }
        &'hookq;help;triggers;remove'= {
        }
        &'hookq;help;category'= {
            cand create 'Add a category'
            cand edit 'Change a category: only the given fields'
            cand list 'List categories'
            cand delete 'Delete a category (its webhooks become uncategorised)'
        }
        &'hookq;help;category;create'= {
        }
        &'hookq;help;category;edit'= {
        }
        &'hookq;help;category;list'= {
        }
        &'hookq;help;category;delete'= {
        }
        &'hookq;help;api-user'= {
            cand add 'Add an API user and print its generated password once'
            cand list 'List API users'
            cand remove 'Remove an API user (its next request is refused)'
        }
        &'hookq;help;api-user;add'= {
        }
        &'hookq;help;api-user;list'= {
        }
        &'hookq;help;api-user;remove'= {
        }
        &'hookq;help;serve'= {
        }
        &'hookq;help;listen'= {
        }
        &'hookq;help;config'= {
            cand list 'Every setting with its value and where it comes from'
            cand get 'Print one setting''s effective value'
            cand set 'Store a setting in the database'
            cand unset 'Return a setting to its default'
        }
        &'hookq;help;config;list'= {
        }
        &'hookq;help;config;get'= {
        }
        &'hookq;help;config;set'= {
        }
        &'hookq;help;config;unset'= {
        }
        &'hookq;help;db'= {
            cand copy 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts'
        }
        &'hookq;help;db;copy'= {
        }
        &'hookq;help;openapi'= {
        }
        &'hookq;help;completions'= {
        }
        &'hookq;help;generate-man'= {
        }
        &'hookq;help;help'= {
        }
    ]
    $completions[$command]
}
