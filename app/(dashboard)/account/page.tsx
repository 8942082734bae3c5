import { getPageUser } from '@/lib/auth/session'
import { ChangePasswordForm } from './change-password-form'

export const metadata = { title: 'Your account · Portwatch' }

export default async function AccountPage() {
  const user = await getPageUser()
  return (
    <div className="max-w-lg space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {user.email} · {user.role}
        </p>
      </div>
      <ChangePasswordForm />
    </div>
  )
}
