import { createRoot } from 'react-dom/client';
import '../../components/pages.css';
import { Options } from '../../components/Options';

createRoot(document.getElementById('root')!).render(<Options />);
