// A Bandwidth message with its leading error code highlighted, e.g. "7513: PIN Invalid".
export function CodedMessage({ message, errorCode }: { message: string | null; errorCode: string | null }) {
  if (!message) return null
  if (!errorCode || !message.trimStart().startsWith(errorCode)) return <span>{message}</span>
  const rest = message
    .trimStart()
    .slice(errorCode.length)
    .replace(/^\s*:\s*/, '')
  return (
    <span>
      <code
        className="mr-1 rounded bg-rose-100 px-1 py-0.5 text-xs font-semibold text-rose-800 dark:bg-rose-950 dark:text-rose-200"
        title={`Bandwidth error code ${errorCode}`}
      >
        {errorCode}
      </code>
      {rest}
    </span>
  )
}
