import { createRoot } from 'react-dom/client';
import '../../components/pages.css';
import { Popup } from '../../components/Popup';

createRoot(document.getElementById('root')!).render(<Popup />);
