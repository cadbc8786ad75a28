'use client';
import { ErrorPanel } from '@/components/layout/error-panel';

export default ErrorPanel;
