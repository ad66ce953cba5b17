
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'hookq' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'hookq'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'hookq' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a webhook and print it (with its secret)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks with health and queue depth')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove a webhook with its queued events and logs; prints what was deleted')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Record an event for every published webhook subscribed to its type')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Deliver queued events: grouped, signed and POSTed (run it from cron)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send sample events to a webhook (or a URL) now, signed like a delivery')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Inspect the queue, re-drive dead events, drop events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Delivery attempts, newest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a body''s Webhook-Signature, as a receiver would')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Queue a delivered batch again (kept for delivered_retention), for the next `process`')
            [CompletionResult]::new('triggers', 'triggers', [CompletionResultType]::ParameterValue, 'The catalog of event types webhooks can subscribe to')
            [CompletionResult]::new('category', 'category', [CompletionResultType]::ParameterValue, 'Webhook categories')
            [CompletionResult]::new('api-user', 'api-user', [CompletionResultType]::ParameterValue, 'Users that may call `hookq serve` (HTTP Basic)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve Mautic''s REST API for webhooks (and hookq''s own routes) over HTTP')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks locally and check their signatures (for CI smoke tests)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read and change settings')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Whole-database operations (copy to another database, either backend)')
            [CompletionResult]::new('openapi', 'openapi', [CompletionResultType]::ParameterValue, 'Print the OpenAPI 3.1 document of serve''s HTTP API (what GET /api/openapi.json serves)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('generate-man', 'generate-man', [CompletionResultType]::ParameterValue, 'Write man pages into DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Webhook name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Receiver URL (http or https)')
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'Event type to subscribe to (repeat for more; see `hookq triggers`)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free-text description')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Signing secret [default: 32 random bytes, as 64 hex characters or, with --signing standard, as whsec_ and base64]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from FILE (its first line), off the command line')
            [CompletionResult]::new('--signing', '--signing', [CompletionResultType]::ParameterName, 'How requests are signed: mautic (Webhook-Signature, as Mautic does) or standard (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) [default: mautic]')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Event order in batches: asc or desc [default: the events_order setting]')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category id (see `hookq category list`)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header sent with every request, e.g. ''X-Api-Key: abc123'' (repeat for more; the value is masked in tables)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Queue events of TYPE only when their payload contains JSON, e.g. ''mautic.form_on_submit:{"submission":{"form":{"id":3}}}'' (repeat: any one of a type''s filters takes the event)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests in any second, minute or hour (N/s, N/m, N/h), across every run and machine; batches wait, never dropped')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--unpublished', '--unpublished', [CompletionResultType]::ParameterName, 'Create it unpublished (nothing is queued for it until published)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;list' {
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Text to find in names, and search commands: is:published, is:unpublished, is:uncategorized, category:ALIAS, ids:1,2')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Rows to skip')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows to show (0: all)')
            [CompletionResult]::new('--order-by', '--order-by', [CompletionResultType]::ParameterName, 'Sort column, camelCase or snake_case (id, name, webhookUrl, dateAdded, ...)')
            [CompletionResult]::new('--order-dir', '--order-dir', [CompletionResultType]::ParameterName, 'Sort direction: asc or desc')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--published-only', '--published-only', [CompletionResultType]::ParameterName, 'Only published webhooks')
            [CompletionResult]::new('--minimal', '--minimal', [CompletionResultType]::ParameterName, 'Only Mautic''s list fields (no publish and author details)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;get' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New receiver URL')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description ("" clears it)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'New signing secret')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the new secret from FILE (its first line), off the command line')
            [CompletionResult]::new('--signing', '--signing', [CompletionResultType]::ParameterName, 'Signing scheme: mautic or standard (turning standard needs a whsec_ secret: add --regenerate-secret or --secret)')
            [CompletionResult]::new('--keep-old', '--keep-old', [CompletionResultType]::ParameterName, 'How long the old secret keeps signing after --rotate-secret, e.g. 2h, 3d; 0 drops it at once [default: 24h]')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Event order: asc, desc, or default (use the events_order setting)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category id')
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'Set the subscriptions to exactly these types (repeat)')
            [CompletionResult]::new('--add-trigger', '--add-trigger', [CompletionResultType]::ParameterName, 'Subscribe to one more type (repeat)')
            [CompletionResult]::new('--remove-trigger', '--remove-trigger', [CompletionResultType]::ParameterName, 'Unsubscribe from a type (repeat)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Set a header sent with every request, e.g. ''X-Api-Key: abc123'' (repeat; replaces one of the same name)')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'Stop sending header NAME (repeat)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Set TYPE''s filter: its events are queued only when their payload contains JSON (repeat; the filters given for a type replace its old ones, and any one of them takes an event)')
            [CompletionResult]::new('--no-filter', '--no-filter', [CompletionResultType]::ParameterName, 'Drop TYPE''s filters: every event of it is queued again (repeat)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N requests in any second, minute or hour (N/s, N/m, N/h), or off')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace every field (PUT): fields not given are reset, and a missing id is created')
            [CompletionResult]::new('--regenerate-secret', '--regenerate-secret', [CompletionResultType]::ParameterName, 'Replace the secret with a new random one and print it')
            [CompletionResult]::new('--rotate-secret', '--rotate-secret', [CompletionResultType]::ParameterName, 'Standard webhooks: a new secret (--secret, or generated and printed) signs beside the old one until --keep-old has passed')
            [CompletionResult]::new('--no-category', '--no-category', [CompletionResultType]::ParameterName, 'Remove the category')
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Publish it (queued events resume)')
            [CompletionResult]::new('--unpublish', '--unpublish', [CompletionResultType]::ParameterName, 'Unpublish it (its queued events wait)')
            [CompletionResult]::new('--unpublished', '--unpublished', [CompletionResultType]::ParameterName, 'Unpublish it (its queued events wait)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;emit' {
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The event''s payload: a JSON object [default: {}]')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Read the payload from FILE (- for standard input)')
            [CompletionResult]::new('--ndjson', '--ndjson', [CompletionResultType]::ParameterName, 'Read events from FILE (- or nothing: standard input), one {"type":"..","payload":{..}} per line (and an optional "id", its idempotency key), stored in large transactions')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'With --ndjson: skip the first N lines (to go on after a bad line, rerun with the --skip the error names)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Store this event once per KEY within the idempotency_window setting (24h): run again with the same key (a retry), it is not stored twice (with --ndjson, give each line an "id" instead)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;process' {
            [CompletionResult]::new('--webhook-id', '--webhook-id', [CompletionResultType]::ParameterName, 'Only this webhook')
            [CompletionResult]::new('--min-id', '--min-id', [CompletionResultType]::ParameterName, 'Only events with this id or higher')
            [CompletionResult]::new('--max-id', '--max-id', [CompletionResultType]::ParameterName, 'Only events with this id or lower')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Events per request for this run [default: the batch_limit setting]')
            [CompletionResult]::new('--time-limit', '--time-limit', [CompletionResultType]::ParameterName, 'Stop claiming new batches after this long, e.g. 90s, 5m [default: the time_limit setting]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Webhooks delivered at once [default: the concurrency setting]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent (per webhook: batches, types, bytes) and send nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit with code 3 when any delivery failed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;test' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Test this URL instead of a stored webhook')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Secret to sign with, with --url [default: none, signs with an empty key]')
            [CompletionResult]::new('--signing', '--signing', [CompletionResultType]::ParameterName, 'How to sign, with --url: mautic or standard (which needs --secret whsec_…) [default: mautic]')
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'Event type to send a sample of (repeat; with ID: default all its triggers)')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Send this payload (a JSON object) instead of the built-in samples')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'With --url, a header to send, e.g. ''X-Api-Key: abc123'' (repeat; a stored webhook sends its own)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;queue' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Queued, waiting and dead events per webhook')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Queued events, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Give dead events a new round of retries, due now')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Queue a webhook''s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Drop queued events for good (asks first unless --yes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;queue;stats' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;queue;list' {
            [CompletionResult]::new('--webhook-id', '--webhook-id', [CompletionResultType]::ParameterName, 'Only this webhook')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows to show (0: all)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'Only dead events (their batch is past retry_max_age)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;queue;retry' {
            [CompletionResult]::new('--webhook-id', '--webhook-id', [CompletionResultType]::ParameterName, 'Only this webhook''s events')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--waiting', '--waiting', [CompletionResultType]::ParameterName, 'Also send batches waiting for a retry at the next run (they keep their attempt count), e.g. once a receiver is back')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;queue;resend' {
            [CompletionResult]::new('--webhook-id', '--webhook-id', [CompletionResultType]::ParameterName, 'The webhook')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Batches delivered within this long, e.g. 2h, 1d')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--new-id', '--new-id', [CompletionResultType]::ParameterName, 'Send them with new Webhook-Ids, for receivers that drop ids they have seen')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;queue;purge' {
            [CompletionResult]::new('--webhook-id', '--webhook-id', [CompletionResultType]::ParameterName, 'Only this webhook''s events')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'Only dead events')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;queue;help' {
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Queued, waiting and dead events per webhook')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Queued events, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Give dead events a new round of retries, due now')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Queue a webhook''s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Drop queued events for good (asks first unless --yes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;queue;help;stats' {
            break
        }
        'hookq;queue;help;list' {
            break
        }
        'hookq;queue;help;retry' {
            break
        }
        'hookq;queue;help;resend' {
            break
        }
        'hookq;queue;help;purge' {
            break
        }
        'hookq;queue;help;help' {
            break
        }
        'hookq;logs' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows to show')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only attempts of the last DUR, e.g. 30m, 2h, 3d')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only attempts with this status: a code (500), N/A (no response), or failed (anything but 2xx)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Only attempts of this batch (its Webhook-Id)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only failed attempts (as --status failed)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing attempts as they are logged, oldest first, until interrupted (text as tab-separated rows, --json as one object per line)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing attempts as they are logged, oldest first, until interrupted (text as tab-separated rows, --json as one object per line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;verify' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret (on the command line it shows in `ps`: prefer --secret-file or HOOKQ_VERIFY_SECRET)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the secret from FILE (its first line), instead of --secret')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The Webhook-Signature header''s value (with --standard: the webhook-signature header''s, `v1,…` entries separated by spaces)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The webhook-id header''s value (with --standard)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'The webhook-timestamp header''s value, Unix seconds (with --standard)')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'With --standard, refuse a timestamp further than this from now, as receivers do against replays; 0 skips the check [default: 5m]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--standard', '--standard', [CompletionResultType]::ParameterName, 'Check a Standard Webhooks signature (the secret is whsec_…) over --id, --timestamp and the body')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;resend' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--new-id', '--new-id', [CompletionResultType]::ParameterName, 'Send it with a new Webhook-Id, for receivers that drop ids they have seen')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;triggers' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List event types, sorted by label')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a custom event type')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom event type no webhook uses')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;triggers;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;triggers;add' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Short label')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'When it fires')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;triggers;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;triggers;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List event types, sorted by label')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a custom event type')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom event type no webhook uses')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;triggers;help;list' {
            break
        }
        'hookq;triggers;help;add' {
            break
        }
        'hookq;triggers;help;remove' {
            break
        }
        'hookq;triggers;help;help' {
            break
        }
        'hookq;category' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a category')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a category: only the given fields')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List categories')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a category (its webhooks become uncategorised)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;category;create' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Title')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Alias used by `list --search category:ALIAS` [default: from the title]')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour as six hex digits, e.g. ff8800')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;category;edit' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Title')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Alias used by `list --search category:ALIAS`')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description (empty: none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour as six hex digits, e.g. ff8800')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;category;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;category;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;category;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a category')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a category: only the given fields')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List categories')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a category (its webhooks become uncategorised)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;category;help;create' {
            break
        }
        'hookq;category;help;edit' {
            break
        }
        'hookq;category;help;list' {
            break
        }
        'hookq;category;help;delete' {
            break
        }
        'hookq;category;help;help' {
            break
        }
        'hookq;api-user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an API user and print its generated password once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List API users')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an API user (its next request is refused)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;api-user;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input instead of generating one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;api-user;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;api-user;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;api-user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an API user and print its generated password once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List API users')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an API user (its next request is refused)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;api-user;help;add' {
            break
        }
        'hookq;api-user;help;list' {
            break
        }
        'hookq;api-user;help;remove' {
            break
        }
        'hookq;api-user;help;help' {
            break
        }
        'hookq;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; anything but loopback belongs behind a TLS proxy')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'How long a client may take to send a request''s headers before it is dropped')
            [CompletionResult]::new('--poll', '--poll', [CompletionResultType]::ParameterName, 'With --deliver: how often to look for due work unannounced (retries falling due; on SQLite also events other processes emit; on PostgreSQL those wake it at once)')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'A reverse proxy in front of serve (repeat for several): only from these peers is the client''s address taken from X-Forwarded-For (for the failed sign-in slowdown); a client''s own header is never believed')
            [CompletionResult]::new('--max-connections-per-ip', '--max-connections-per-ip', [CompletionResultType]::ParameterName, 'Connections one client address may hold open at once; more are closed as they arrive, so one address cannot take every slot')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--deliver', '--deliver', [CompletionResultType]::ParameterName, 'Also deliver queued events continuously (as `process` does; cron runs may overlap)')
            [CompletionResult]::new('--no-auth', '--no-auth', [CompletionResultType]::ParameterName, 'Accept requests without credentials (refused unless ADDR is a loopback address)')
            [CompletionResult]::new('--no-console', '--no-console', [CompletionResultType]::ParameterName, 'Serve the API only, without the admin console''s pages under /')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;listen' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on [default: 127.0.0.1 and a free port]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Check Mautic''s Webhook-Signature with this secret (on the command line it shows in `ps`: prefer --secret-file or HOOKQ_LISTEN_SECRET)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the Mautic secret from FILE (its first line)')
            [CompletionResult]::new('--standard-secret', '--standard-secret', [CompletionResultType]::ParameterName, 'Check Standard Webhooks signatures with this whsec_ secret')
            [CompletionResult]::new('--standard-secret-file', '--standard-secret-file', [CompletionResultType]::ParameterName, 'Read the whsec_ secret from FILE (its first line)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit 0 once this many requests were verified and answered with --status')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 1 when --count was not reached), e.g. 30s')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Status to answer requests with')
            [CompletionResult]::new('--fail-first', '--fail-first', [CompletionResultType]::ParameterName, 'Answer the first K requests with 500 (to exercise retries), then --status')
            [CompletionResult]::new('--require-type', '--require-type', [CompletionResultType]::ParameterName, 'With --count: exit 1 unless this event type arrived (repeat)')
            [CompletionResult]::new('--port-file', '--port-file', [CompletionResultType]::ParameterName, 'Write the port to FILE once listening (for scripts that start it in the background)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every setting with its value and where it comes from')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s effective value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a setting in the database')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Return a setting to its default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;config;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;config;get' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;config;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;config;unset' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every setting with its value and where it comes from')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s effective value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a setting in the database')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Return a setting to its default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;config;help;list' {
            break
        }
        'hookq;config;help;get' {
            break
        }
        'hookq;config;help;set' {
            break
        }
        'hookq;config;help;unset' {
            break
        }
        'hookq;config;help;help' {
            break
        }
        'hookq;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;db;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target: an SQLite file path or a postgres:// URL (must be empty)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;db;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;db;help;copy' {
            break
        }
        'hookq;db;help;help' {
            break
        }
        'hookq;openapi' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;generate-man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file (created with its directory on first use), or a postgres://USER@HOST/DB URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print tables: table (fitted to the terminal), tsv (tab-separated with a header line), or json (as --json) [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print Mautic-shaped JSON on stdout (errors as Mautic''s error JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; diagnostics only on failure')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'hookq;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a webhook and print it (with its secret)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks with health and queue depth')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove a webhook with its queued events and logs; prints what was deleted')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Record an event for every published webhook subscribed to its type')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Deliver queued events: grouped, signed and POSTed (run it from cron)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send sample events to a webhook (or a URL) now, signed like a delivery')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Inspect the queue, re-drive dead events, drop events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Delivery attempts, newest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a body''s Webhook-Signature, as a receiver would')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Queue a delivered batch again (kept for delivered_retention), for the next `process`')
            [CompletionResult]::new('triggers', 'triggers', [CompletionResultType]::ParameterValue, 'The catalog of event types webhooks can subscribe to')
            [CompletionResult]::new('category', 'category', [CompletionResultType]::ParameterValue, 'Webhook categories')
            [CompletionResult]::new('api-user', 'api-user', [CompletionResultType]::ParameterValue, 'Users that may call `hookq serve` (HTTP Basic)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve Mautic''s REST API for webhooks (and hookq''s own routes) over HTTP')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks locally and check their signatures (for CI smoke tests)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read and change settings')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Whole-database operations (copy to another database, either backend)')
            [CompletionResult]::new('openapi', 'openapi', [CompletionResultType]::ParameterValue, 'Print the OpenAPI 3.1 document of serve''s HTTP API (what GET /api/openapi.json serves)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('generate-man', 'generate-man', [CompletionResultType]::ParameterValue, 'Write man pages into DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hookq;help;create' {
            break
        }
        'hookq;help;list' {
            break
        }
        'hookq;help;get' {
            break
        }
        'hookq;help;edit' {
            break
        }
        'hookq;help;delete' {
            break
        }
        'hookq;help;emit' {
            break
        }
        'hookq;help;process' {
            break
        }
        'hookq;help;test' {
            break
        }
        'hookq;help;queue' {
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Queued, waiting and dead events per webhook')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Queued events, oldest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Give dead events a new round of retries, due now')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Queue a webhook''s delivered batches of the last DUR again (kept for delivered_retention), oldest first, for the next `process`')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Drop queued events for good (asks first unless --yes)')
            break
        }
        'hookq;help;queue;stats' {
            break
        }
        'hookq;help;queue;list' {
            break
        }
        'hookq;help;queue;retry' {
            break
        }
        'hookq;help;queue;resend' {
            break
        }
        'hookq;help;queue;purge' {
            break
        }
        'hookq;help;logs' {
            break
        }
        'hookq;help;verify' {
            break
        }
        'hookq;help;resend' {
            break
        }
        'hookq;help;triggers' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List event types, sorted by label')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a custom event type')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom event type no webhook uses')
            break
        }
        'hookq;help;triggers;list' {
            break
        }
        'hookq;help;triggers;add' {
            break
        }
        'hookq;help;triggers;remove' {
            break
        }
        'hookq;help;category' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a category')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a category: only the given fields')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List categories')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a category (its webhooks become uncategorised)')
            break
        }
        'hookq;help;category;create' {
            break
        }
        'hookq;help;category;edit' {
            break
        }
        'hookq;help;category;list' {
            break
        }
        'hookq;help;category;delete' {
            break
        }
        'hookq;help;api-user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an API user and print its generated password once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List API users')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an API user (its next request is refused)')
            break
        }
        'hookq;help;api-user;add' {
            break
        }
        'hookq;help;api-user;list' {
            break
        }
        'hookq;help;api-user;remove' {
            break
        }
        'hookq;help;serve' {
            break
        }
        'hookq;help;listen' {
            break
        }
        'hookq;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every setting with its value and where it comes from')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s effective value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a setting in the database')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Return a setting to its default')
            break
        }
        'hookq;help;config;list' {
            break
        }
        'hookq;help;config;get' {
            break
        }
        'hookq;help;config;set' {
            break
        }
        'hookq;help;config;unset' {
            break
        }
        'hookq;help;db' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy everything (webhooks, categories, triggers, settings, the queue with its batch ids and attempts, logs, API users) from --db to another, empty database: SQLite to PostgreSQL or back. Prints and checks the counts')
            break
        }
        'hookq;help;db;copy' {
            break
        }
        'hookq;help;openapi' {
            break
        }
        'hookq;help;completions' {
            break
        }
        'hookq;help;generate-man' {
            break
        }
        'hookq;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
