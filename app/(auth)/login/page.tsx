import { redirect } from 'next/navigation'
import { db } from '@/lib/db/client'
import { countUsers } from '@/lib/db/users'
import { LoginForm } from './login-form'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Sign in · Portwatch' }

export default async function LoginPage() {
  if ((await countUsers(db())) === 0) redirect('/setup')
  return <LoginForm />
}
